using Amigo.Connector.Contracts.Plugins;
using Npgsql;

namespace Amigo.Plugins.ArenaSso.Provisioning;

/// <summary>
/// A PostgreSQL transaction-level advisory lock keyed on the identity: two hosts behind one load balancer never
/// provision the same person at the same time. The lock ends with the transaction, even if the host dies.
/// </summary>
public sealed class PostgresIdentityLock(IConnectorDatabase database) : IClusterIdentityLock
{
    /// <inheritdoc />
    public async Task<IAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", connection, transaction))
            {
                command.Parameters.AddWithValue("key", "amigo.arena:" + key);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            return new Lease(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class Lease(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try { await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false); }
            finally
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
