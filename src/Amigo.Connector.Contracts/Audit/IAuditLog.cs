namespace Amigo.Connector.Contracts.Audit;

/// <summary>The audit trail of every decision and every write the connector makes to iTop (table <c>audit_log</c>).</summary>
public interface IAuditLog
{
    /// <summary>Records one entry; returns its id.</summary>
    Task<long> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The most recent entries of an academy (optionally of one actor, e.g. a plugin id), newest first.</summary>
    Task<IReadOnlyList<AuditRecord>> RecentAsync(string academyId, string? actor, int limit, CancellationToken cancellationToken = default);

    /// <summary>Whether an entry with this idempotency key and outcome exists (e.g. a transfer already done).</summary>
    Task<AuditRecord?> FindByIdempotencyKeyAsync(string academyId, string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// The <c>decided</c> entries of <paramref name="actor"/>'s <paramref name="action"/> that nothing settled: no later
    /// entry carries their idempotency key (a <c>failed</c>, <c>skipped</c> or <c>abandoned</c> outcome) nor the key's
    /// <c>:done</c> form. Each is a write that may or may not have reached iTop: the plugin reconciles it. Oldest first.
    /// </summary>
    async Task<IReadOnlyList<AuditRecord>> UnsettledDecisionsAsync(string academyId, string actor, string action, CancellationToken cancellationToken = default)
    {
        var entries = (await RecentAsync(academyId, actor, 10_000, cancellationToken)).OrderBy(r => r.Id).ToList();
        return entries.Where(decided => decided.Entry is { Outcome: "decided", IdempotencyKey: { } key } && decided.Entry.Action == action
                && !entries.Any(later => later.Id > decided.Id && (later.Entry.IdempotencyKey == key || later.Entry.IdempotencyKey == key + ":done")))
            .ToList();
    }
}

/// <summary>One audit entry.</summary>
/// <param name="AcademyId">Academy.</param>
/// <param name="Actor">Who: a plugin id (<c>autoclose</c>), <c>sync</c>, or an admin key name.</param>
/// <param name="Action">What: <c>close</c>, <c>skip</c>, <c>dispatch</c>, <c>transfer.create</c>, <c>provision.person</c>, …</param>
/// <param name="ITopClass">iTop class concerned.</param>
/// <param name="ITopKey">iTop id concerned, when known.</param>
/// <param name="TicketRef">Ticket reference (<c>R-002137</c>), when a ticket.</param>
/// <param name="Outcome"><c>decided</c>, <c>done</c>, <c>skipped</c>, <c>failed</c>, <c>dry-run</c>, <c>abandoned</c> (a decision whose write never reached iTop).</param>
/// <param name="Reason">Why (machine-readable reason code or short text).</param>
public sealed record AuditEntry(
    string AcademyId,
    string Actor,
    string Action,
    string? ITopClass,
    long? ITopKey,
    string? TicketRef,
    string Outcome,
    string? Reason)
{
    /// <summary>State before the write (JSON-serialisable), when relevant.</summary>
    public object? Before { get; init; }
    /// <summary>State after the write or what was sent (JSON-serialisable).</summary>
    public object? After { get; init; }
    /// <summary>iTop's answer code, when a call was made.</summary>
    public int? ITopCode { get; init; }
    /// <summary>iTop's answer message, when a call was made.</summary>
    public string? ITopMessage { get; init; }
    /// <summary>Key that makes a write happen once (recorded before the write, checked before retrying).</summary>
    public string? IdempotencyKey { get; init; }
    /// <summary>Job run that made the entry, when any.</summary>
    public long? JobRunId { get; init; }
}

/// <summary>An audit entry as stored.</summary>
public sealed record AuditRecord(long Id, DateTimeOffset At, AuditEntry Entry);
