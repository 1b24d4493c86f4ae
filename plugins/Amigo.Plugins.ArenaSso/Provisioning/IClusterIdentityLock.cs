namespace Amigo.Plugins.ArenaSso.Provisioning;

/// <summary>Serialises the provisioning of one identity across every host of the connector.</summary>
public interface IClusterIdentityLock
{
    /// <summary>Waits until no other host provisions <paramref name="key"/>; dispose the result to let them.</summary>
    Task<IAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Used when the host offers no database: only the in-process lock applies (a single host).</summary>
internal sealed class NoClusterIdentityLock : IClusterIdentityLock
{
    public Task<IAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(Released.Instance);

    private sealed class Released : IAsyncDisposable
    {
        public static readonly Released Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
