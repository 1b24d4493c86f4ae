namespace Amigo.Connector.Testing.Audit;

/// <summary>
/// An audit log kept in memory, to assert on what a plugin recorded without a database. It answers as
/// <c>PostgresAuditLog</c> does: ids in order, newest first, an idempotency key found on its <c>done</c> entry first.
/// </summary>
/// <param name="time">Clock of the entries' times; the system clock when not given.</param>
public sealed class InMemoryAuditLog(TimeProvider? time = null) : IAuditLog
{
    private readonly List<AuditRecord> _records = [];

    /// <summary>Everything recorded, oldest first.</summary>
    public IReadOnlyList<AuditEntry> Entries { get { lock (_records) return _records.Select(r => r.Entry).ToList(); } }

    /// <inheritdoc />
    public Task<long> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        lock (_records)
        {
            _records.Add(new AuditRecord(_records.Count + 1, (time ?? TimeProvider.System).GetUtcNow(), entry));
            return Task.FromResult((long)_records.Count);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditRecord>> RecentAsync(string academyId, string? actor, int limit, CancellationToken cancellationToken = default)
    {
        lock (_records)
            return Task.FromResult<IReadOnlyList<AuditRecord>>(_records
                .Where(r => r.Entry.AcademyId == academyId && (actor is null || r.Entry.Actor == actor))
                .Reverse().Take(limit).ToList());
    }

    /// <inheritdoc />
    public Task<AuditRecord?> FindByIdempotencyKeyAsync(string academyId, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        lock (_records)
            return Task.FromResult(_records.Where(r => r.Entry.AcademyId == academyId && r.Entry.IdempotencyKey == idempotencyKey)
                .OrderByDescending(r => r.Entry.Outcome == "done").ThenByDescending(r => r.Id).FirstOrDefault());
    }
}
