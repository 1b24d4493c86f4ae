namespace Amigo.Plugins.AutoClose.Running;

/// <summary>Counts and per-ticket outcomes of a run, turned into a <see cref="JobOutcome"/>.</summary>
public sealed class AutoCloseReport
{
    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal)
    {
        ["candidates"] = 0, ["closed"] = 0, ["failed"] = 0,
    };
    private readonly List<DecisionReport> _decisions = [];

    /// <summary>Whether the run was a dry run.</summary>
    public bool DryRun { get; init; }

    /// <summary>Counts by name (<c>closed</c>, <c>skipped.requester_replied</c>, …).</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Per-ticket outcomes, in processing order.</summary>
    public IReadOnlyList<DecisionReport> Decisions => _decisions;

    /// <summary>Adds to a count.</summary>
    public void Count(string name, long by = 1) => _counts[name] = _counts.GetValueOrDefault(name) + by;

    /// <summary>Records a ticket's outcome and counts it.</summary>
    public void Add(DecisionReport decision, string countName)
    {
        _decisions.Add(decision);
        Count(countName);
    }

    /// <summary>The count of one name (0 when absent).</summary>
    public long this[string name] => _counts.GetValueOrDefault(name);

    /// <summary>One line: <c>closed 3, failed 1, skipped 2 (requester_replied 1, changed_since_decision 1)</c>.</summary>
    public string Summary()
    {
        var skipped = _counts.Where(c => c.Key.StartsWith("skipped.", StringComparison.Ordinal) && c.Value > 0).ToList();
        var parts = new List<string> { $"{_counts["candidates"]} candidate(s)" };
        parts.Add(DryRun ? $"would close {this["would_close"]}" : $"closed {this["closed"]}");
        if (this["reminded"] + this["would_remind"] > 0)
            parts.Add(DryRun ? $"would remind {this["would_remind"]}" : $"reminded {this["reminded"]}");
        parts.Add($"skipped {skipped.Sum(s => s.Value)}" + (skipped.Count > 0
            ? " (" + string.Join(", ", skipped.Select(s => $"{s.Key["skipped.".Length..]} {s.Value}")) + ")"
            : ""));
        parts.Add($"failed {this["failed"]}");
        if (this["reconciled"] + this["abandoned"] > 0)
            parts.Add($"earlier decisions reconciled with iTop: {this["reconciled"]} written, {this["abandoned"]} abandoned");
        if (this["deferred"] > 0) parts.Add($"deferred {this["deferred"]} to the next run");
        return (DryRun ? "[dry run] " : "") + string.Join(", ", parts);
    }

    /// <summary>The job outcome.</summary>
    public JobOutcome ToOutcome() => new(new Dictionary<string, long>(_counts), Summary()) { Details = _decisions, Status = Status };

    /// <summary>
    /// By items: writes made (closings, reminders, reconciled writes) against failures. A run whose every attempt failed
    /// (e.g. a wrong iTop password) is <see cref="JobStatus.Failed"/>, never a success. A run locked out never gets here:
    /// the host's job runner records it.
    /// </summary>
    public JobStatus Status => JobExitCodes.StatusOf(this["closed"] + this["reminded"] + this["reconciled"] + this["would_close"] + this["would_remind"], this["failed"]);
}
