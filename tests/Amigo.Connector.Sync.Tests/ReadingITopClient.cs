using Amigo.Connector.ITop;

namespace Amigo.Connector.Sync.Tests;

/// <summary>
/// Base of the test clients that change what the sync reads from another client: reads are passed on, writes refused
/// (the sync never writes to iTop). Subclasses override <see cref="StreamAsync"/>; pages then come from the interface's
/// default, made from the objects it yields.
/// </summary>
internal abstract class ReadingITopClient(IITopClient inner) : IITopClient
{
    protected IITopClient Inner => inner;

    public string InstanceName => inner.InstanceName;

    public ITopTimeZone TimeZone => inner.TimeZone;

    public Task<IReadOnlyList<ITopOperation>> ListOperationsAsync(CancellationToken cancellationToken = default) => inner.ListOperationsAsync(cancellationToken);

    public Task<bool> CheckCredentialsAsync(string user, string password, CancellationToken cancellationToken = default) => inner.CheckCredentialsAsync(user, password, cancellationToken);

    public Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => inner.GetAsync(request, cancellationToken);

    public abstract IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, CancellationToken cancellationToken = default);

    public Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw new NotSupportedException("The sync never writes to iTop.");

    public Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw new NotSupportedException("The sync never writes to iTop.");

    public Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default) => throw new NotSupportedException("The sync never writes to iTop.");

    public Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default) => throw new NotSupportedException("The sync never writes to iTop.");

    public Task<ITopGetResult> GetRelatedAsync(ITopRelatedRequest request, CancellationToken cancellationToken = default) => inner.GetRelatedAsync(request, cancellationToken);
}
