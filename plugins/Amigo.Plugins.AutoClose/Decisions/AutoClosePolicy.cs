namespace Amigo.Plugins.AutoClose.Decisions;

/// <summary>An academy's validated auto-close rules, ready to apply: statuses, stimulus, delay and clock.</summary>
public sealed class AutoClosePolicy
{
    private readonly HashSet<string> _connectorAuthors;

    private AutoClosePolicy(AcademyContext academy, AutoCloseSettings settings, LifecycleAction close)
    {
        AcademyId = academy.Id;
        Settings = settings;
        Profile = academy.Lifecycle;
        Close = close;
        ResolvedStatuses = settings.EffectiveResolvedStatuses(academy.Lifecycle);
        Calculator = new DueDateCalculator(academy.TimeZone, settings.DayMode, settings.ExtraClosedDays);
        Clock = new ITopTimeZone(academy.TimeZone);
        _connectorAuthors = new HashSet<string>(settings.EffectiveConnectorAuthors.Select(Normalise), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Validates the settings against the academy (the connector's one validator) and builds the policy; throws
    /// <see cref="PluginSettingsException"/> with every problem listed.
    /// </summary>
    public static AutoClosePolicy Create(AcademyContext academy, AutoCloseSettings settings)
    {
        var problems = PluginSettingsValidator.Validate(settings, academy);
        if (problems.Count > 0)
            throw new PluginSettingsException(academy.Id, AutoClosePlugin.PluginId, problems);
        return new AutoClosePolicy(academy, settings, academy.Lifecycle.Find(LogicalAction.Close)!);
    }

    /// <summary>Academy id.</summary>
    public string AcademyId { get; }
    /// <summary>The settings.</summary>
    public AutoCloseSettings Settings { get; }
    /// <summary>The academy's lifecycle profile.</summary>
    public LifecycleProfile Profile { get; }
    /// <summary>The closing action (stock iTop: <c>ev_close</c>).</summary>
    public LifecycleAction Close { get; }
    /// <summary>Status codes that count as resolved.</summary>
    public IReadOnlyList<string> ResolvedStatuses { get; }
    /// <summary>Counts the delay.</summary>
    public DueDateCalculator Calculator { get; }
    /// <summary>Reads iTop's local times.</summary>
    public ITopTimeZone Clock { get; }

    /// <summary>Whether reminders are on.</summary>
    public bool RemindersEnabled => Settings.ReminderDaysBefore > 0;

    /// <summary>When a ticket resolved at <paramref name="resolvedAt"/> becomes due.</summary>
    public DateTimeOffset DueAt(DateTimeOffset resolvedAt) => Calculator.Shift(resolvedAt, Settings.DelayDays);

    /// <summary>When the reminder of a ticket due at <paramref name="dueAt"/> is due; null when reminders are off.</summary>
    public DateTimeOffset? RemindAt(DateTimeOffset dueAt) =>
        RemindersEnabled ? Calculator.Shift(dueAt, -Settings.ReminderDaysBefore) : null;

    /// <summary>
    /// The latest resolution instant that can be due (or in the reminder window) at <paramref name="now"/>: a
    /// cheap, safe pre-filter for the database. Counted days are never shorter than calendar days, and one day
    /// of slack covers daylight-saving hours.
    /// </summary>
    public DateTimeOffset ResolvedNoLaterThan(DateTimeOffset now) =>
        now.AddDays(-(Settings.DelayDays - Settings.ReminderDaysBefore - 1));

    /// <summary>Whether a journal author is the connector itself.</summary>
    public bool IsConnectorAuthor(string author) => _connectorAuthors.Contains(Normalise(author));

    /// <summary>Names compared without case, accents kept, spaces collapsed.</summary>
    public static string Normalise(string? name) =>
        string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
