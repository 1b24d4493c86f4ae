namespace Amigo.Plugins.Retention.Running;

/// <summary>What happened to one ticket in a run.</summary>
/// <param name="Ref">Reference.</param>
/// <param name="ITopId">iTop id.</param>
/// <param name="Action"><c>anonymise</c> or <c>delete</c>.</param>
/// <param name="Outcome"><c>done</c>, <c>dry-run</c>, <c>skipped</c>, <c>failed</c>, <c>deferred</c>, <c>abandoned</c>.</param>
/// <param name="Reason">Reason code.</param>
/// <param name="CloseDate">The close date the decision used.</param>
public sealed record TicketOutcome(string Ref, long ITopId, string Action, string Outcome, string Reason, DateTimeOffset? CloseDate);

/// <summary>The result of one run: counts, per-ticket outcomes, and the dry run's saved selection.</summary>
public sealed class RetentionReport
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly List<TicketOutcome> _tickets = [];

    /// <summary>Whether nothing was written.</summary>
    public bool DryRun { get; init; }

    /// <summary>Tickets closed at or before this instant are past the period.</summary>
    public DateTimeOffset Cutoff { get; init; }

    /// <summary>The selection a dry run saved for a later deletion, when deletion is enabled.</summary>
    public long? SelectionId { get; set; }

    /// <summary>Why deletion in iTop did not run, when enabled but refused (no recent dry run).</summary>
    public string? DeletionNote { get; set; }

    /// <summary>Counts by name.</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Per-ticket outcomes, in the order they happened.</summary>
    public IReadOnlyList<TicketOutcome> Tickets => _tickets;

    /// <summary>Adds to a count.</summary>
    public void Count(string name, long by = 1) => _counts[name] = _counts.GetValueOrDefault(name) + by;

    /// <summary>Records a ticket's outcome and counts it.</summary>
    public void Add(TicketOutcome outcome, string count)
    {
        _tickets.Add(outcome);
        Count(count);
    }

    /// <summary>The job's outcome: failed items make it partial (or failed when nothing worked).</summary>
    public JobOutcome ToOutcome()
    {
        var failed = _counts.GetValueOrDefault("failed");
        var succeeded = _counts.GetValueOrDefault("anonymised") + _counts.GetValueOrDefault("deleted_in_itop") + _counts.GetValueOrDefault("reconciled");
        return new JobOutcome(new Dictionary<string, long>(_counts), Summary())
        {
            Details = this,
            Status = JobExitCodes.StatusOf(succeeded, failed),
        };
    }

    /// <summary>One line: what was (or would be) done.</summary>
    public string Summary()
    {
        long Get(string name) => _counts.GetValueOrDefault(name);
        var text = DryRun
            ? $"dry run, cutoff {Cutoff.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: {Get("would_anonymise")} to anonymise, {Get("would_delete")} to delete in iTop"
            : $"cutoff {Cutoff.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: {Get("anonymised")} anonymised, {Get("deleted_in_itop")} deleted in iTop";
        var skipped = _counts.Where(c => c.Key.StartsWith("skipped.", StringComparison.Ordinal)).Sum(c => c.Value);
        if (skipped > 0) text += $", {skipped} skipped";
        if (Get("failed") > 0) text += $", {Get("failed")} failed";
        if (Get("deferred") > 0) text += $", {Get("deferred")} deferred";
        if (SelectionId is { } id) text += $", selection {id} saved";
        if (DeletionNote is { } note) text += $" ({note})";
        return text;
    }
}
