using Amigo.Connector.Contracts.Plugins;
using Npgsql;

namespace Amigo.Connector.Data;

/// <summary>
/// Mutual exclusion of job runs across every host sharing the database: a PostgreSQL session advisory lock per
/// (academy, job), held on a dedicated connection for the whole run. A host that dies drops its connection and with
/// it the lock, so nothing is left locked.
/// </summary>
public sealed class JobLock(IConnectorDatabase database)
{
    // Two-key advisory locks live in their own space (objsubid 2), apart from the migration runner's bigint key.
    private const int Namespace = 0x616D6967; // "amig"

    /// <summary>Takes the lock of (<paramref name="academyId"/>, <paramref name="jobId"/>), or returns null at once when another session holds it.</summary>
    public async Task<JobLockHandle?> TryAcquireAsync(string academyId, string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(academyId);
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(
                "SELECT pg_try_advisory_lock(@ns, hashtext(@name)), pg_backend_pid(), (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid())",
                connection);
            command.Parameters.AddWithValue("ns", Namespace);
            command.Parameters.AddWithValue("name", LockName(academyId, jobId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (!reader.GetBoolean(0))
            {
                await reader.DisposeAsync();
                await connection.DisposeAsync();
                return null;
            }

            var handle = new JobLockHandle(connection, academyId, jobId, reader.GetInt32(1), new DateTimeOffset(reader.GetFieldValue<DateTime>(2), TimeSpan.Zero));
            return handle;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal static string LockName(string academyId, string jobId) => academyId + "\u001f" + jobId;

    internal static async Task ReleaseAsync(NpgsqlConnection connection, string academyId, string jobId)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@ns, hashtext(@name))", connection);
        command.Parameters.AddWithValue("ns", Namespace);
        command.Parameters.AddWithValue("name", LockName(academyId, jobId));
        await command.ExecuteScalarAsync();
    }
}

/// <summary>A held job lock; dispose to release it.</summary>
public sealed class JobLockHandle : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private int _released;

    internal JobLockHandle(NpgsqlConnection connection, string academyId, string jobId, int backendPid, DateTimeOffset backendStart)
    {
        _connection = connection;
        AcademyId = academyId;
        JobId = jobId;
        BackendPid = backendPid;
        BackendStart = backendStart;
    }

    /// <summary>Academy.</summary>
    public string AcademyId { get; }

    /// <summary>Job.</summary>
    public string JobId { get; }

    /// <summary>PostgreSQL backend holding the lock (recorded in <c>job_runs.lock_pid</c>).</summary>
    public int BackendPid { get; }

    /// <summary>Start of that backend (with the pid, identifies the session even if pids are reused).</summary>
    public DateTimeOffset BackendStart { get; }

    /// <summary>Whether the lock's connection is still alive (the lock is lost with it).</summary>
    public async Task<bool> IsHeldAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _released) == 1)
        {
            return false;
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", _connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 1)
        {
            return;
        }

        try
        {
            await JobLock.ReleaseAsync(_connection, AcademyId, JobId);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The connection is broken: the server already dropped the lock with the session.
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
