namespace Amigo.Plugins.AutoClose.Settings;

/// <summary>
/// Per-academy settings, section <c>Amigo:Academies:{id}:Plugins:autoclose</c>. Statuses and the closing
/// stimulus come from the academy's lifecycle profile; these settings only say when and how to close.
/// </summary>
public sealed class AutoCloseSettings : IValidatableSettings
{
    /// <summary>The note appended to the requester journal when the plugin closes a ticket.</summary>
    public const string DefaultNoteTemplate = "Demande clôturée automatiquement {delay} {unit} après sa résolution.";

    /// <summary>The reminder appended to the requester journal <see cref="ReminderDaysBefore"/> days before closing.</summary>
    public const string DefaultReminderTemplate =
        "Sans retour de votre part, cette demande résolue sera clôturée automatiquement le {close_date}. "
        + "Si le problème persiste, vous pouvez la rouvrir d'ici là.";

    /// <summary>Author name of the connector's own journal entries in the recorded iTop (the REST user's display name).</summary>
    public const string DefaultConnectorAuthor = "connector";

    /// <summary>Days after the resolution before closing (14 in most academies, 16 in Montpellier).</summary>
    [Range(1, 365)]
    public int DelayDays { get; set; } = 14;

    /// <summary>Whether the delay counts calendar days or working days.</summary>
    public DayMode DayMode { get; set; } = DayMode.Calendar;

    /// <summary>Extra non-working days of the academy (e.g. a closed bridge day), used in working-days mode.</summary>
    public List<DateOnly>? ExtraClosedDays { get; set; }

    /// <summary>Status codes that count as resolved; default: every status of the profile's <c>Resolved</c> group.</summary>
    public List<string>? ResolvedStatuses { get; set; }

    /// <summary>Fields set by the closing stimulus (attribute code → value), when the profile's close action requires some.</summary>
    public Dictionary<string, string>? CloseFields { get; set; }

    /// <summary>French note appended to <c>public_log</c> in the closing call; empty for none. Placeholders: see <see cref="NoteTemplate"/>.</summary>
    public string? NoteTemplate { get; set; } = DefaultNoteTemplate;

    /// <summary>Most tickets closed in one run; the rest wait for the next run.</summary>
    [Range(1, 10_000)]
    public int MaxClosingsPerRun { get; set; } = 200;

    /// <summary>Days (counted like the delay) before closing when a reminder is written to the requester; 0 for none.</summary>
    [Range(0, 364)]
    public int ReminderDaysBefore { get; set; }

    /// <summary>French reminder text.</summary>
    public string? ReminderTemplate { get; set; } = DefaultReminderTemplate;

    /// <summary>
    /// Display names under which the connector's REST user writes journal entries; such entries after the
    /// resolution do not count as activity. Default: <c>connector</c>.
    /// </summary>
    public List<string>? ConnectorAuthorNames { get; set; }

    /// <summary>The connector author names in effect.</summary>
    public IReadOnlyList<string> EffectiveConnectorAuthors =>
        ConnectorAuthorNames is { Count: > 0 } names ? names : [DefaultConnectorAuthor];

    /// <summary>The resolved statuses in effect for an academy.</summary>
    public IReadOnlyList<string> EffectiveResolvedStatuses(LifecycleProfile profile) =>
        ResolvedStatuses is { Count: > 0 } statuses ? statuses : profile.StatusesIn(StatusGroup.Resolved);

    /// <inheritdoc />
    public IEnumerable<string> Validate(AcademyContext academy)
    {
        var profile = academy.Lifecycle;
        var close = profile.Find(LogicalAction.Close);
        if (close is null)
            yield return $"Lifecycle profile '{profile.Name}' has no Close action: autoclose cannot close tickets.";

        var resolved = EffectiveResolvedStatuses(profile);
        if (resolved.Count == 0)
            yield return $"Lifecycle profile '{profile.Name}' has no status in the Resolved group; set autoclose:ResolvedStatuses.";
        foreach (var status in resolved)
        {
            if (profile.GroupOf(status) != StatusGroup.Resolved)
                yield return $"autoclose:ResolvedStatuses: '{status}' is not a Resolved status of profile '{profile.Name}'.";
            else if (close is { FromStatuses.Count: > 0 } && !close.FromStatuses.Contains(status))
                yield return $"autoclose:ResolvedStatuses: the close stimulus '{close.Stimulus}' is not valid from '{status}'.";
        }

        var fields = CloseFields ?? [];
        foreach (var (attribute, _) in fields)
        {
            if (!IsAttributeCode(attribute))
                yield return $"autoclose:CloseFields: '{attribute}' is not an iTop attribute code.";
            else if (attribute is "status" or "public_log" or "private_log")
                yield return $"autoclose:CloseFields: '{attribute}' cannot be set (status changes by stimulus; journals take the note).";
        }
        foreach (var required in close?.RequiredFields ?? [])
        {
            if (!fields.ContainsKey(required))
                yield return $"autoclose:CloseFields must give '{required}': the close stimulus '{close!.Stimulus}' of profile '{profile.Name}' requires it.";
        }

        foreach (var problem in NoteTemplates.Check("autoclose:NoteTemplate", NoteTemplate))
            yield return problem;
        if (ReminderDaysBefore > 0)
        {
            if (ReminderDaysBefore >= DelayDays)
                yield return $"autoclose:ReminderDaysBefore ({ReminderDaysBefore}) must be less than DelayDays ({DelayDays}).";
            if (string.IsNullOrWhiteSpace(ReminderTemplate))
                yield return "autoclose:ReminderTemplate is required when ReminderDaysBefore is set.";
            foreach (var problem in NoteTemplates.Check("autoclose:ReminderTemplate", ReminderTemplate))
                yield return problem;
        }
        foreach (var name in ConnectorAuthorNames ?? [])
        {
            if (string.IsNullOrWhiteSpace(name))
                yield return "autoclose:ConnectorAuthorNames cannot hold an empty name.";
        }
    }

    private static bool IsAttributeCode(string attribute)
    {
        try
        {
            OqlNames.EnsureAttribute(attribute);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
