using Amigo.Connector.ITop;

namespace Amigo.Plugins.Reassignment.Tests.Support;

/// <summary>The host "dies" right after a create reached iTop: the create is applied, then the caller never hears back.</summary>
public sealed class HostDiedException() : Exception("Simulated host crash after core/create.");

/// <summary>An <see cref="IITopClient"/> decorator that throws <see cref="HostDiedException"/> after the next creates succeed.</summary>
public sealed class CrashAfterCreateClient(IITopClient inner, int crashes = 1) : IITopClient
{
    private int _crashesLeft = crashes;

    /// <inheritdoc />
    public string InstanceName => inner.InstanceName;
    /// <inheritdoc />
    public ITopTimeZone TimeZone => inner.TimeZone;

    /// <inheritdoc />
    public async Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default)
    {
        var created = await inner.CreateAsync(write, cancellationToken);
        if (Interlocked.Decrement(ref _crashesLeft) >= 0) throw new HostDiedException();
        return created;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ITopOperation>> ListOperationsAsync(CancellationToken cancellationToken = default) => inner.ListOperationsAsync(cancellationToken);
    /// <inheritdoc />
    public Task<bool> CheckCredentialsAsync(string user, string password, CancellationToken cancellationToken = default) => inner.CheckCredentialsAsync(user, password, cancellationToken);
    /// <inheritdoc />
    public Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => inner.GetAsync(request, cancellationToken);
    /// <inheritdoc />
    public IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => inner.StreamAsync(request, cancellationToken);
    /// <inheritdoc />
    public Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default) => inner.UpdateAsync(write, cancellationToken);
    /// <inheritdoc />
    public Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default) => inner.ApplyStimulusAsync(stimulus, cancellationToken);
    /// <inheritdoc />
    public Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(className, key, comment, simulate, cancellationToken);
    /// <inheritdoc />
    public Task<ITopGetResult> GetRelatedAsync(ITopRelatedRequest request, CancellationToken cancellationToken = default) => inner.GetRelatedAsync(request, cancellationToken);
}

/// <summary>Runs <paramref name="beforeCreate"/> (e.g. arms a fault in the simulation) just before each create.</summary>
public sealed class BeforeCreateClient(IITopClient inner, Action beforeCreate) : IITopClient
{
    /// <inheritdoc />
    public string InstanceName => inner.InstanceName;
    /// <inheritdoc />
    public ITopTimeZone TimeZone => inner.TimeZone;

    /// <inheritdoc />
    public Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default)
    {
        beforeCreate();
        return inner.CreateAsync(write, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ITopOperation>> ListOperationsAsync(CancellationToken cancellationToken = default) => inner.ListOperationsAsync(cancellationToken);
    /// <inheritdoc />
    public Task<bool> CheckCredentialsAsync(string user, string password, CancellationToken cancellationToken = default) => inner.CheckCredentialsAsync(user, password, cancellationToken);
    /// <inheritdoc />
    public Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => inner.GetAsync(request, cancellationToken);
    /// <inheritdoc />
    public IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => inner.StreamAsync(request, cancellationToken);
    /// <inheritdoc />
    public Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default) => inner.UpdateAsync(write, cancellationToken);
    /// <inheritdoc />
    public Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default) => inner.ApplyStimulusAsync(stimulus, cancellationToken);
    /// <inheritdoc />
    public Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(className, key, comment, simulate, cancellationToken);
    /// <inheritdoc />
    public Task<ITopGetResult> GetRelatedAsync(ITopRelatedRequest request, CancellationToken cancellationToken = default) => inner.GetRelatedAsync(request, cancellationToken);
}
