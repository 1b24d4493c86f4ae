namespace Amigo.Plugins.Retention.Settings;

/// <summary>
/// Per-academy settings, section <c>Amigo:Academies:{id}:Plugins:retention</c>. The closed statuses come from the
/// academy's lifecycle profile; deletion in iTop is off unless <see cref="DeleteInITop"/> is set.
/// </summary>
public sealed class RetentionSettings : IValidatableSettings
{
    /// <summary>Months a closed ticket is kept after its close date (« conservé pendant 12 mois », Caen's guide).</summary>
    [Range(1, 120)]
    public int RetentionMonths { get; set; } = 12;

    /// <summary>Status codes that count as closed; default: every status of the profile's <c>Closed</c> group.</summary>
    public List<string>? ClosedStatuses { get; set; }

    /// <summary>Also delete the tickets in iTop (<c>core/delete</c>), only those a recent dry run listed. Off by default.</summary>
    public bool DeleteInITop { get; set; }

    /// <summary>How old (days) the dry run a deletion refers to may be.</summary>
    [Range(1, 90)]
    public int DryRunValidDays { get; set; } = 7;

    /// <summary>Tickets read, re-checked and deleted per iTop call.</summary>
    [Range(1, 100)]
    public int DeleteBatchSize { get; set; } = 20;

    /// <summary>Most tickets deleted in iTop per run; the rest wait for the next run.</summary>
    [Range(1, 10_000)]
    public int MaxDeletionsPerRun { get; set; } = 500;

    /// <summary>The closed statuses in effect.</summary>
    public IReadOnlyList<string> EffectiveClosedStatuses(LifecycleProfile profile) =>
        ClosedStatuses is { Count: > 0 } statuses ? statuses : profile.StatusesIn(StatusGroup.Closed);

    /// <inheritdoc />
    public IEnumerable<string> Validate(AcademyContext academy)
    {
        var profile = academy.Lifecycle;
        var closed = EffectiveClosedStatuses(profile);
        if (closed.Count == 0)
            yield return $"retention:ClosedStatuses: lifecycle profile '{profile.Name}' has no Closed status; name them.";
        foreach (var status in closed.Where(s => profile.GroupOf(s) != StatusGroup.Closed))
            yield return $"retention:ClosedStatuses: '{status}' is not a Closed status of profile '{profile.Name}'.";
    }
}
