namespace Amigo.Plugins.Reassignment.Execution;

/// <summary>What the run decided for one ticket (the <c>--json</c> output and the job's details).</summary>
public sealed record ReassignmentDecision
{
    /// <summary>iTop id.</summary>
    public required long TicketId { get; init; }
    /// <summary>Reference.</summary>
    public required string TicketRef { get; init; }
    /// <summary>Rule that matched, when any.</summary>
    public string? Rule { get; init; }
    /// <summary><c>dispatch</c>, <c>transfer</c> or <c>report</c> (invalid UAI).</summary>
    public required string Action { get; init; }
    /// <summary><c>done</c>, <c>dry-run</c>, <c>skipped</c>, <c>failed</c>.</summary>
    public required string Outcome { get; init; }
    /// <summary>Machine-readable reason (e.g. <c>agent_assigned</c>, <c>ping_pong</c>).</summary>
    public string? Reason { get; init; }
    /// <summary>Team before.</summary>
    public string? FromTeam { get; init; }
    /// <summary>Team after (or that would be).</summary>
    public string? ToTeam { get; init; }
    /// <summary>Target academy of a transfer.</summary>
    public string? TargetAcademy { get; init; }
    /// <summary>Reference created by a transfer.</summary>
    public string? TargetRef { get; init; }
    /// <summary>The note written (or that would be).</summary>
    public string? Note { get; init; }
}

/// <summary>Counts and decisions of one run.</summary>
public sealed class ReassignmentReport
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly List<ReassignmentDecision> _decisions = [];

    /// <summary>Counts by name (<c>moved</c>, <c>transferred</c>, <c>skipped.ping_pong</c>, <c>uai.invalid.wrong_length</c>, …).</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Decisions about tickets a rule matched, and invalid UAI reports.</summary>
    public IReadOnlyList<ReassignmentDecision> Decisions => _decisions;

    /// <summary>Adds one to a count.</summary>
    public void Count(string name, long by = 1) => _counts[name] = _counts.GetValueOrDefault(name) + by;

    /// <summary>Records a decision and counts it.</summary>
    public void Add(ReassignmentDecision decision)
    {
        _decisions.Add(decision);
        if (decision.Outcome == "reported") return; // counted as uai.invalid.* by the caller
        Count(decision.Outcome switch
        {
            "reconciled" or "abandoned" => decision.Outcome,
            "done" => decision.Action == "transfer" ? "transferred" : "moved",
            "dry-run" => decision.Action == "transfer" ? "dry_run.transferred" : "dry_run.moved",
            _ => $"{decision.Outcome}.{decision.Reason}",
        });
    }

    /// <summary>Moves made (or reconciled) against moves that failed: a run whose every move failed is <see cref="JobStatus.Failed"/>.</summary>
    public JobStatus Status => JobExitCodes.StatusOf(
        _counts.GetValueOrDefault("moved") + _counts.GetValueOrDefault("transferred") + _counts.GetValueOrDefault("reconciled")
        + _counts.GetValueOrDefault("dry_run.moved") + _counts.GetValueOrDefault("dry_run.transferred"),
        _counts.Where(pair => pair.Key.StartsWith("failed.", StringComparison.Ordinal)).Sum(pair => pair.Value));

    /// <summary>One line for logs and the CLI.</summary>
    public string Summary() =>
        $"{_counts.GetValueOrDefault("moved")} moved, {_counts.GetValueOrDefault("transferred")} transferred, "
        + $"{_counts.GetValueOrDefault("dry_run.moved") + _counts.GetValueOrDefault("dry_run.transferred")} would move (dry run), "
        + $"{_counts.Where(pair => pair.Key.StartsWith("skipped.", StringComparison.Ordinal)).Sum(pair => pair.Value)} skipped, "
        + $"{_counts.Where(pair => pair.Key.StartsWith("failed.", StringComparison.Ordinal)).Sum(pair => pair.Value)} failed, "
        + $"{_counts.Where(pair => pair.Key.StartsWith("uai.invalid.", StringComparison.Ordinal)).Sum(pair => pair.Value)} invalid UAI "
        + $"out of {_counts.GetValueOrDefault("candidates")} candidates";
}
