namespace Amigo.Connector.Contracts.Locks;

/// <summary>
/// The connector's one PostgreSQL advisory-lock helper, for the host and plugins alike: a session lock named by a
/// string (<see cref="AdvisoryLockNames"/>), keyed <c>(<see cref="Namespace"/>, hashtext(name))</c>, held on a
/// connection of its own until disposed. A host that dies loses the connection and PostgreSQL drops the lock with it,
/// so nothing is ever left locked.
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    /// <summary>First key of every connector lock ("amig"): two-key locks, apart from any single-bigint key.</summary>
    public const int Namespace = 0x616D6967;

    private readonly NpgsqlConnection _connection;
    private int _released;

    private AdvisoryLock(NpgsqlConnection connection, string name, int backendPid, DateTimeOffset backendStart)
    {
        (_connection, Name, BackendPid, BackendStart) = (connection, name, backendPid, backendStart);
    }

    /// <summary>The lock's name.</summary>
    public string Name { get; }

    /// <summary>The PostgreSQL backend holding the lock.</summary>
    public int BackendPid { get; }

    /// <summary>When that backend started (with the pid, identifies the session even when pids are reused).</summary>
    public DateTimeOffset BackendStart { get; }

    /// <summary>Takes the lock, or returns null at once when another session holds it.</summary>
    public static Task<AdvisoryLock?> TryAcquireAsync(NpgsqlDataSource dataSource, string name, CancellationToken cancellationToken = default) =>
        AcquireAsync(dataSource, name, wait: false, cancellationToken);

    /// <summary>Takes the lock, waiting for another session to release it.</summary>
    public static async Task<AdvisoryLock> AcquireAsync(NpgsqlDataSource dataSource, string name, CancellationToken cancellationToken = default) =>
        (await AcquireAsync(dataSource, name, wait: true, cancellationToken))!;

    private static async Task<AdvisoryLock?> AcquireAsync(NpgsqlDataSource dataSource, string name, bool wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            if (wait)
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@ns, hashtext(@name))",
                    new { ns = Namespace, name }, commandTimeout: 0, cancellationToken: cancellationToken));
            }
            var take = wait ? "true" : "pg_try_advisory_lock(@ns, hashtext(@name))";
            var (taken, backendPid, backendStart) = await connection.QuerySingleAsync<(bool, int, DateTime)>(new CommandDefinition(
                $"SELECT {take}, pg_backend_pid(), (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid())",
                new { ns = Namespace, name }, cancellationToken: cancellationToken));
            if (taken)
                return new AdvisoryLock(connection, name, backendPid, new DateTimeOffset(backendStart, TimeSpan.Zero));
            await connection.DisposeAsync();
            return null;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether the lock's connection is still alive (the lock is lost with it).</summary>
    public async Task<bool> IsHeldAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _released) == 1) return false;
        // Dapper opens a closed connection again: a new session, without the lock. A broken one is closed.
        if (_connection.State != ConnectionState.Open) return false;
        try
        {
            await _connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Releases the lock and closes its connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 1) return;
        try
        {
            // Unlocked even when the caller was cancelled: the pooled connection must not keep the lock. A connection no
            // longer open has lost its session, and the lock with it (Dapper would open a new session for nothing).
            if (_connection.State == ConnectionState.Open)
                await _connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_advisory_unlock(@ns, hashtext(@name))",
                    new { ns = Namespace, name = Name }, cancellationToken: CancellationToken.None));
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // The connection is broken: the server already dropped the lock with the session.
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}

/// <summary>The names of the connector's advisory locks: one scheme, so two parts never take the same lock by accident.</summary>
public static class AdvisoryLockNames
{
    /// <summary>A job of an academy (the host's job runner: scheduler, CLI, HTTP, every host).</summary>
    public static string Job(string academyId, string jobId) => academyId + "\u001f" + jobId;

    /// <summary>The migration run (the connector's and the plugins' migrations).</summary>
    public const string Migrations = "amigo\u001fmigrations";

    /// <summary>A lock of a plugin's own, <paramref name="what"/> being the plugin's name for it (e.g. an identity).</summary>
    public static string Plugin(string pluginId, string what) => "plugin\u001f" + pluginId + "\u001f" + what;
}
