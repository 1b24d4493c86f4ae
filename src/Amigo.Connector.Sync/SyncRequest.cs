namespace Amigo.Connector.Sync;

/// <summary>What a sync run should do.</summary>
/// <param name="Full">Read everything (id windows) instead of what changed since the watermark; also reconciles deletions.</param>
/// <param name="Reconcile">Force a key reconciliation of tickets even when not due.</param>
public sealed record SyncRequest(bool Full = false, bool Reconcile = false);

/// <summary>What a sync run did, by counter name (e.g. <c>tickets.read</c>, <c>tickets.changed</c>, <c>transitions</c>, <c>tickets.deleted</c>).</summary>
public sealed class SyncResult
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Counters.</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Whether this run read every ticket.</summary>
    public bool Full { get; internal set; }

    /// <summary>Whether this run reconciled ticket ids.</summary>
    public bool Reconciled { get; internal set; }

    /// <summary>The ticket watermark after the run (iTop local time text).</summary>
    public string? Watermark { get; internal set; }

    /// <summary>The id-window width a full read settled on (null for an incremental sync): halved from the start width each time iTop could not serve a window.</summary>
    public int? IdWindow { get; internal set; }

    /// <summary>A counter's value (0 when absent).</summary>
    public long this[string name] => _counts.GetValueOrDefault(name);

    internal void Add(string name, long value) => _counts[name] = _counts.GetValueOrDefault(name) + value;

    /// <summary>One line for logs and <c>job_runs.summary</c>.</summary>
    public string Summary =>
        $"{(Full ? "full" : "incremental")} sync: {this["tickets.read"]} tickets read, {this["tickets.changed"]} changed, " +
        $"{this["transitions"]} status transitions, {this["tickets.deleted"]} deleted" + (Reconciled ? " (ids reconciled)" : "")
        + (IdWindow is { } width ? $", id windows of {width}" : "");
}
