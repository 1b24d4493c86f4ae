namespace Amigo.Plugins.ArenaSso.Provisioning;

/// <summary>
/// The connector's advisory lock (<see cref="AdvisoryLock"/>) named after the identity: two hosts behind one load
/// balancer never provision the same person at the same time. The lock ends with its connection, even if the host dies.
/// </summary>
public sealed class PostgresIdentityLock(IConnectorDatabase database) : IClusterIdentityLock
{
    /// <inheritdoc />
    public async Task<IAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken) =>
        await AdvisoryLock.AcquireAsync(database.DataSource, AdvisoryLockNames.Plugin("arena", key), cancellationToken).ConfigureAwait(false);
}
