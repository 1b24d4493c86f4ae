namespace Amigo.Connector.Data;

/// <summary>
/// Mutual exclusion of job runs across every host sharing the database: the advisory lock
/// <see cref="AdvisoryLockNames.Job"/> of (academy, job), held on a dedicated connection for the whole run. A host
/// that dies drops its connection and with it the lock, so nothing is left locked.
/// </summary>
public sealed class JobLock(IConnectorDatabase database)
{
    /// <summary>Takes the lock of (<paramref name="academyId"/>, <paramref name="jobId"/>), or returns null at once when another session holds it.</summary>
    public async Task<JobLockHandle?> TryAcquireAsync(string academyId, string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(academyId);
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var held = await AdvisoryLock.TryAcquireAsync(database.DataSource, AdvisoryLockNames.Job(academyId, jobId), cancellationToken);
        return held is null ? null : new JobLockHandle(held, academyId, jobId);
    }
}

/// <summary>A held job lock; dispose to release it.</summary>
public sealed class JobLockHandle : IAsyncDisposable
{
    private readonly AdvisoryLock _lock;

    internal JobLockHandle(AdvisoryLock held, string academyId, string jobId)
    {
        (_lock, AcademyId, JobId) = (held, academyId, jobId);
    }

    /// <summary>Academy.</summary>
    public string AcademyId { get; }

    /// <summary>Job.</summary>
    public string JobId { get; }

    /// <summary>PostgreSQL backend holding the lock (recorded in <c>job_runs.lock_pid</c>).</summary>
    public int BackendPid => _lock.BackendPid;

    /// <summary>Start of that backend (with the pid, identifies the session even if pids are reused).</summary>
    public DateTimeOffset BackendStart => _lock.BackendStart;

    /// <summary>Whether the lock's connection is still alive (the lock is lost with it).</summary>
    public Task<bool> IsHeldAsync(CancellationToken cancellationToken = default) => _lock.IsHeldAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _lock.DisposeAsync();
}
