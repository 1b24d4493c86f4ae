using System.Runtime.CompilerServices;
using Amigo.Connector.ITop;

namespace Amigo.Connector.Sync.Tests;

/// <summary>An iTop client that "kills the host" (throws) after a given number of objects read: a sync dying at that point.</summary>
internal sealed class KillingITopClient(IITopClient inner, int killAfterObjects) : IITopClient
{
    private int _objects;

    public sealed class KilledException() : Exception("Simulated crash of the host.");

    public string InstanceName => inner.InstanceName;

    public ITopTimeZone TimeZone => inner.TimeZone;

    public Task<IReadOnlyList<ITopOperation>> ListOperationsAsync(CancellationToken cancellationToken = default) => inner.ListOperationsAsync(cancellationToken);

    public Task<bool> CheckCredentialsAsync(string user, string password, CancellationToken cancellationToken = default) => inner.CheckCredentialsAsync(user, password, cancellationToken);

    public Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => inner.GetAsync(request, cancellationToken);

    public async IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in inner.StreamAsync(request, cancellationToken))
        {
            if (Interlocked.Increment(ref _objects) > killAfterObjects)
            {
                throw new KilledException();
            }

            yield return item;
        }
    }

    public Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw new NotSupportedException("The sync never writes to iTop.");

    public Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw new NotSupportedException("The sync never writes to iTop.");

    public Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default) => throw new NotSupportedException("The sync never writes to iTop.");

    public Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default) => throw new NotSupportedException("The sync never writes to iTop.");

    public Task<ITopGetResult> GetRelatedAsync(ITopRelatedRequest request, CancellationToken cancellationToken = default) => inner.GetRelatedAsync(request, cancellationToken);
}
