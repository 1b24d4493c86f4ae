using System.Runtime.CompilerServices;
using Amigo.Connector.ITop;

namespace Amigo.Connector.Sync.Tests;

/// <summary>
/// An iTop client that rewrites the objects another one reads (to give fields JSON types a simulation never sends:
/// null, numbers, booleans, objects, or to drop them). Like <see cref="KillingITopClient"/> it wraps only
/// <see cref="IITopClient.StreamAsync"/>: its pages are the interface's default, made from the rewritten objects.
/// </summary>
internal sealed class ReshapingITopClient(IITopClient inner, Func<ITopObject, ITopObject> reshape) : IITopClient
{
    public string InstanceName => inner.InstanceName;

    public ITopTimeZone TimeZone => inner.TimeZone;

    public Task<IReadOnlyList<ITopOperation>> ListOperationsAsync(CancellationToken cancellationToken = default) => inner.ListOperationsAsync(cancellationToken);

    public Task<bool> CheckCredentialsAsync(string user, string password, CancellationToken cancellationToken = default) => inner.CheckCredentialsAsync(user, password, cancellationToken);

    public Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => inner.GetAsync(request, cancellationToken);

    public async IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in inner.StreamAsync(request, cancellationToken))
        {
            yield return reshape(item);
        }
    }

    public Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw new NotSupportedException("The sync never writes to iTop.");

    public Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw new NotSupportedException("The sync never writes to iTop.");

    public Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default) => throw new NotSupportedException("The sync never writes to iTop.");

    public Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default) => throw new NotSupportedException("The sync never writes to iTop.");

    public Task<ITopGetResult> GetRelatedAsync(ITopRelatedRequest request, CancellationToken cancellationToken = default) => inner.GetRelatedAsync(request, cancellationToken);
}
