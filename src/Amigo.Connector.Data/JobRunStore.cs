namespace Amigo.Connector.Data;

/// <summary>A row of <c>job_runs</c>.</summary>
public sealed record JobRunRecord(
    long Id, string AcademyId, string JobId, string Trigger, string HostName, bool DryRun,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Outcome, IReadOnlyDictionary<string, long> Counts,
    string? Summary, string? Error);

/// <summary>Outcomes written in <c>job_runs.outcome</c>.</summary>
public static class JobRunOutcomes
{
    /// <summary>In progress.</summary>
    public const string Running = "running";
    /// <summary>Done.</summary>
    public const string Succeeded = "succeeded";
    /// <summary>Went to its end, but some items failed (see the counts).</summary>
    public const string Partial = "partial";
    /// <summary>Threw, or nothing it attempted worked.</summary>
    public const string Failed = "failed";
    /// <summary>Stopped by shutdown or a user.</summary>
    public const string Cancelled = "cancelled";
    /// <summary>Not run: another host holds the (academy, job) lock.</summary>
    public const string SkippedLocked = "skipped-locked";
    /// <summary>Left "running" by a host that died (its lock session is gone).</summary>
    public const string Abandoned = "abandoned";
}

/// <summary>The record of every job run (<c>job_runs</c>).</summary>
public sealed class JobRunStore(IConnectorDatabase database, TimeProvider time)
{
    private const string Columns = """
        id AS Id, academy_id AS AcademyId, job_id AS JobId, trigger AS Trigger, host_name AS HostName, dry_run AS DryRun,
        started_at AS StartedAt, ended_at AS EndedAt, outcome AS Outcome, counts::text AS Counts, summary AS Summary, error AS Error
        """;

    /// <summary>Records the start of a run; pass the lock handle so a run whose host dies can later be told apart from a live one.</summary>
    public async Task<long> StartAsync(string academyId, string jobId, string trigger, bool dryRun, JobLockHandle? lockHandle = null, string? hostName = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO job_runs (academy_id, job_id, trigger, host_name, dry_run, started_at, lock_pid, lock_backend_start)
            VALUES (@academyId, @jobId, @trigger, @host, @dryRun, @now, @pid, @backendStart)
            RETURNING id
            """,
            new { academyId, jobId, trigger, host = hostName ?? Environment.MachineName, dryRun, now = time.GetUtcNow(), pid = lockHandle?.BackendPid, backendStart = lockHandle?.BackendStart },
            cancellationToken: cancellationToken));
    }

    /// <summary>Records a run that did not start because another host holds the lock.</summary>
    public async Task<long> RecordSkippedAsync(string academyId, string jobId, string trigger, string reason, string? hostName = null, bool dryRun = false,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO job_runs (academy_id, job_id, trigger, host_name, dry_run, started_at, ended_at, outcome, summary)
            VALUES (@academyId, @jobId, @trigger, @host, @dryRun, @now, @now, 'skipped-locked', @reason)
            RETURNING id
            """, new { academyId, jobId, trigger, host = hostName ?? Environment.MachineName, dryRun, now = time.GetUtcNow(), reason },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The latest finished run of each (academy, job) — what monitoring asks first ("did the last auto-close work?").
    /// Runs still in progress are left out; a run swept as abandoned counts as finished.
    /// </summary>
    public async Task<IReadOnlyList<JobRunRecord>> LatestOutcomesAsync(string? academyId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT DISTINCT ON (academy_id, job_id) {Columns} FROM job_runs
            WHERE outcome <> 'running' AND (@academyId::text IS NULL OR academy_id = @academyId)
            ORDER BY academy_id, job_id, started_at DESC, id DESC
            """, new { academyId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Saves partial progress counts of a running job (visible in <see cref="RecentAsync"/>).</summary>
    public async Task ReportProgressAsync(long runId, IReadOnlyDictionary<string, long> counts, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE job_runs SET counts = @counts::jsonb WHERE id = @runId AND outcome = 'running'",
            new { runId, counts = Json.SerializeCounts(counts) }, cancellationToken: cancellationToken));
    }

    /// <summary>Records the end of a run (outcome one of <see cref="JobRunOutcomes"/>).</summary>
    public async Task FinishAsync(long runId, string outcome, IReadOnlyDictionary<string, long>? counts, string? summary, string? error, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(outcome);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE job_runs SET ended_at = @now, outcome = @outcome, counts = COALESCE(@counts::jsonb, counts), summary = @summary, error = @error
            WHERE id = @runId
            """,
            new { runId, now = time.GetUtcNow(), outcome, counts = counts is null ? null : Json.SerializeCounts(counts), summary, error },
            cancellationToken: cancellationToken));
    }

    /// <summary>One run, or null.</summary>
    public async Task<JobRunRecord?> GetAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM job_runs WHERE id = @runId", new { runId }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <summary>Most recent runs, newest first, optionally of one academy and/or one job.</summary>
    public async Task<IReadOnlyList<JobRunRecord>> RecentAsync(string? academyId, string? jobId, int limit = 50, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM job_runs
            WHERE (@academyId::text IS NULL OR academy_id = @academyId) AND (@jobId::text IS NULL OR job_id = @jobId)
            ORDER BY started_at DESC, id DESC LIMIT @limit
            """, new { academyId, jobId, limit = Math.Clamp(limit, 1, 10_000) }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>
    /// Marks as <c>abandoned</c> the "running" rows whose lock session no longer exists (their host died or lost its
    /// connection), and those recorded without a lock that started more than <paramref name="unlockedOlderThan"/> ago.
    /// Returns how many rows changed. Safe to call from every host at start-up and periodically.
    /// </summary>
    public async Task<int> MarkAbandonedAsync(TimeSpan? unlockedOlderThan = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE job_runs r SET outcome = 'abandoned', ended_at = @now,
                   error = COALESCE(r.error, 'The host running this job stopped before it finished (its database session is gone).')
            WHERE r.outcome = 'running'
              AND CASE WHEN r.lock_pid IS NULL THEN r.started_at < @cutoff
                       ELSE NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                                        WHERE a.pid = r.lock_pid AND a.backend_start = r.lock_backend_start) END
            """,
            new { now = time.GetUtcNow(), cutoff = time.GetUtcNow() - (unlockedOlderThan ?? TimeSpan.FromHours(6)) },
            cancellationToken: cancellationToken));
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string AcademyId { get; init; } = "";
        public string JobId { get; init; } = "";
        public string Trigger { get; init; } = "";
        public string HostName { get; init; } = "";
        public bool DryRun { get; init; }
        public DateTime StartedAt { get; init; }
        public DateTime? EndedAt { get; init; }
        public string Outcome { get; init; } = "";
        public string? Counts { get; init; }
        public string? Summary { get; init; }
        public string? Error { get; init; }

        public JobRunRecord ToRecord() => new(Id, AcademyId, JobId, Trigger, HostName, DryRun,
            new DateTimeOffset(DateTime.SpecifyKind(StartedAt, DateTimeKind.Utc)),
            EndedAt is { } ended ? new DateTimeOffset(DateTime.SpecifyKind(ended, DateTimeKind.Utc)) : null,
            Outcome, Json.ParseCounts(Counts), Summary, Error);
    }
}
