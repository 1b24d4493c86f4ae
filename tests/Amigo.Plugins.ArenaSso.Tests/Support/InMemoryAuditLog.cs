using System.Collections.Concurrent;
using Amigo.Connector.Contracts.Audit;

namespace Amigo.Plugins.ArenaSso.Tests.Support;

/// <summary>An audit log kept in memory (the PostgreSQL one belongs to the data layer).</summary>
internal sealed class InMemoryAuditLog : IAuditLog
{
    private readonly ConcurrentQueue<AuditRecord> _records = new();
    private long _nextId;

    public IReadOnlyList<AuditEntry> Entries => _records.Select(r => r.Entry).ToList();

    public Task<long> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextId);
        _records.Enqueue(new AuditRecord(id, DateTimeOffset.UtcNow, entry));
        return Task.FromResult(id);
    }

    public Task<IReadOnlyList<AuditRecord>> RecentAsync(string academyId, string? actor, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AuditRecord>>(_records.Where(r => r.Entry.AcademyId == academyId && (actor is null || r.Entry.Actor == actor))
            .OrderByDescending(r => r.Id).Take(limit).ToList());

    public Task<AuditRecord?> FindByIdempotencyKeyAsync(string academyId, string idempotencyKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.FirstOrDefault(r => r.Entry.AcademyId == academyId && r.Entry.IdempotencyKey == idempotencyKey));
}
