using Amigo.Connector.Contracts.Plugins;
using Amigo.Plugins.AutoClose.Decisions;
using Npgsql;
using NpgsqlTypes;

namespace Amigo.Plugins.AutoClose.Data;

/// <summary>The connector database's <c>tickets</c> table, and a session advisory lock per academy.</summary>
public sealed class PostgresAutoCloseStore(IConnectorDatabase database) : IAutoCloseStore
{
    // Two-key advisory lock: a fixed class for this plugin, the academy hashed by PostgreSQL.
    private const int LockClass = 0x414D_4143; // "AMAC"

    /// <inheritdoc />
    public async Task<IAsyncDisposable?> TryLockAsync(string academyId, CancellationToken cancellationToken)
    {
        var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@class, hashtext(@academy))", connection);
            command.Parameters.AddWithValue("class", LockClass);
            command.Parameters.AddWithValue("academy", academyId);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
                return new AdvisoryLock(connection, academyId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CandidateTicket>> FindCandidatesAsync(
        string academyId, IReadOnlyList<string> statuses, DateTimeOffset resolvedNoLaterThan, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT itop_id, ref, status, resolution_date
            FROM tickets
            WHERE academy_id = @academy
              AND deleted_at IS NULL
              AND status = ANY(@statuses)
              AND resolution_date IS NOT NULL
              AND resolution_date <= @bound
            ORDER BY resolution_date, itop_id
            """;
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.Add(new NpgsqlParameter("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = statuses.ToArray() });
        command.Parameters.AddWithValue("bound", resolvedNoLaterThan.ToUniversalTime());
        var result = new List<CandidateTicket>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new CandidateTicket(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return result;
    }

    /// <inheritdoc />
    public async Task MarkClosedByConnectorAsync(string academyId, long itopId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "UPDATE tickets SET closed_by_connector = true WHERE academy_id = @academy AND itop_id = @id");
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.AddWithValue("id", itopId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed class AdvisoryLock(NpgsqlConnection connection, string academyId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@class, hashtext(@academy))", connection);
                command.Parameters.AddWithValue("class", LockClass);
                command.Parameters.AddWithValue("academy", academyId);
                await command.ExecuteScalarAsync();
            }
            finally
            {
                // Closing the session releases the lock anyway if the unlock failed.
                await connection.DisposeAsync();
            }
        }
    }
}
