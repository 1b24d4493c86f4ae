namespace Amigo.Plugins.Reporting.Schema;

/// <summary>
/// Refreshes the reporting materialized views (<c>REFRESH … CONCURRENTLY</c>: readers are never blocked).
/// All views are refreshed in one repeatable-read transaction, so they always describe the same moment (the
/// resolution-times views are read together, and <c>report_resolution_times_mv</c> is computed from the others).
/// One host at a time: the advisory lock <c>plugin␟reporting␟refresh</c> (<see cref="AdvisoryLock"/>) makes a second caller skip.
/// </summary>
public sealed class MaterializedViewRefresher(IConnectorDatabase database, TimeProvider time, ILogger<MaterializedViewRefresher> logger)
{
    /// <summary>The materialized views, refreshed in this order (a view is refreshed after those it reads).</summary>
    public static IReadOnlyList<string> Views { get; } =
    [
        "report_weekly_flow_mv", "report_status_mv",
        "report_resolution_days_mv", "report_resolution_teams_mv", "report_resolution_buckets_mv", "report_resolution_times_mv",
    ];

    /// <summary>
    /// Settings of the transactions that build the materialized views (the migrations that create them do the same):
    /// memory for their sorts and hash tables (a million tickets need about 130 MB; with the default 4 MB they spill to
    /// disk), and no JIT compilation (it costs more than it saves there: the weekly flow takes 4.8 s with it, 3.9 s without).
    /// </summary>
    private const string BuildSettings = "SET LOCAL work_mem = '256MB'; SET LOCAL jit = off";

    private static readonly string LockName = AdvisoryLockNames.Plugin("reporting", "refresh");

    /// <summary>When the views were last refreshed (null when never since they were created).</summary>
    public async Task<DateTimeOffset?> LastRefreshAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await LastRefreshAsync(connection, null, cancellationToken);
    }

    /// <summary>When the views were last refreshed, read on the caller's connection (and so in its transaction's snapshot).</summary>
    public static async Task<DateTimeOffset?> LastRefreshAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var value = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "SELECT min(refreshed_at) FROM report_refresh_state", transaction: transaction, cancellationToken: cancellationToken));
        return value is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    /// <summary>
    /// Refreshes every view unless another host is doing it or it was done less than <paramref name="minimumAge"/> ago.
    /// Returns whether this call refreshed.
    /// </summary>
    public async Task<bool> RefreshAsync(TimeSpan minimumAge, CancellationToken cancellationToken)
    {
        if (minimumAge > TimeSpan.Zero && await LastRefreshAsync(cancellationToken) is { } last && time.GetUtcNow() - last < minimumAge)
            return false;

        await using var held = await AdvisoryLock.TryAcquireAsync(database.DataSource, LockName, cancellationToken);
        if (held is null)
        {
            logger.LogInformation("Reporting views are being refreshed by another host; skipped");
            return false;
        }
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var started = time.GetTimestamp();
        var asOf = time.GetUtcNow();
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await ExecuteAsync(connection, transaction, BuildSettings, cancellationToken);
        foreach (var view in Views)
        {
            var viewStarted = time.GetTimestamp();
            await ExecuteAsync(connection, transaction, $"REFRESH MATERIALIZED VIEW CONCURRENTLY {view}", cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO report_refresh_state (view_name, refreshed_at) VALUES (@view, @asOf) " +
                "ON CONFLICT (view_name) DO UPDATE SET refreshed_at = excluded.refreshed_at",
                new { view, asOf }, transaction, cancellationToken: cancellationToken));
            logger.LogInformation("Refreshed {View} in {Elapsed} ms", view, (long)time.GetElapsedTime(viewStarted).TotalMilliseconds);
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Refreshed {Count} reporting views in {Elapsed} ms", Views.Count, (long)time.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }

    // A refresh of the largest views over a million tickets takes seconds; a loaded server may take minutes.
    private static Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, commandTimeout: 600, cancellationToken: cancellationToken));
}
