namespace Amigo.Plugins.Reassignment.Settings;

/// <summary>
/// Per-academy settings of the reassignment plugin, bound from <c>Amigo:Academies:{id}:Plugins:reassign</c>.
/// Rules are evaluated in order; the first that matches a ticket decides its move.
/// </summary>
public sealed class ReassignmentSettings : IValidatableSettings
{
    /// <summary>The rules, in evaluation order.</summary>
    public List<ReassignmentRule> Rules { get; set; } = [];

    /// <summary>
    /// Whether a UAI code whose only fault is its check letter may still be routed by its département
    /// (real data contains such codes, e.g. the tutorials' <c>0340024T</c>). Codes of the wrong length are never routed.
    /// </summary>
    public bool AcceptUncheckedUai { get; set; }

    /// <summary>Status groups read from the synced tickets as candidates (default: Open).</summary>
    public List<StatusGroup> CandidateStatusGroups { get; set; } = [StatusGroup.Open];

    /// <summary>A rule moves a ticket at most once within this window (default 7 days).</summary>
    public TimeSpan MoveWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Upper bound of moves (and transfers) per run, so that a wrong rule cannot empty a team at once.</summary>
    [Range(1, 100_000)]
    public int MaxMovesPerRun { get; set; } = 200;

    /// <summary>
    /// Email of the person used as caller of a transferred request when the original caller has no
    /// person with the same email in the target iTop; null refuses such transfers.
    /// </summary>
    public string? TransferFallbackCallerEmail { get; set; }

    /// <inheritdoc />
    public IEnumerable<string> Validate(AcademyContext academy)
    {
        if (MoveWindow <= TimeSpan.Zero) yield return "reassign: MoveWindow must be positive.";
        if (CandidateStatusGroups.Count == 0) yield return "reassign: CandidateStatusGroups must name at least one group.";
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < Rules.Count; index++)
        {
            var rule = Rules[index];
            var where = $"reassign: Rules[{index}]";
            if (string.IsNullOrWhiteSpace(rule.Name)) { yield return $"{where}.Name is required."; continue; }
            where = $"reassign: rule '{rule.Name}'";
            if (!names.Add(rule.Name)) yield return $"{where} is defined twice (rule names must be unique).";
            if (string.IsNullOrWhiteSpace(rule.TargetTeam)) yield return $"{where}: TargetTeam is required (team name or id).";
            if (rule.TransferToAcademy is { } target && string.IsNullOrWhiteSpace(target))
                yield return $"{where}: TransferToAcademy is blank.";
            if (rule.MinSinceDispatch is { } min && min < TimeSpan.Zero) yield return $"{where}: MinSinceDispatch is negative.";
            if (rule.MaxSinceDispatch is { } max && max < TimeSpan.Zero) yield return $"{where}: MaxSinceDispatch is negative.";
            if (rule is { MinSinceDispatch: { } lo, MaxSinceDispatch: { } hi } && lo > hi)
                yield return $"{where}: MinSinceDispatch is greater than MaxSinceDispatch.";
            foreach (var status in rule.Statuses)
                if (!academy.Lifecycle.Statuses.ContainsKey(status))
                    yield return $"{where}: status '{status}' is unknown to lifecycle profile '{academy.Lifecycle.Name}'.";
        }
    }
}
