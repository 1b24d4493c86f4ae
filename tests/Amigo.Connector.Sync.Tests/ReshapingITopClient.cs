namespace Amigo.Connector.Sync.Tests;

/// <summary>
/// An iTop client that rewrites the objects another one reads (to give fields JSON types a simulation never sends:
/// null, numbers, booleans, objects, or to drop them).
/// </summary>
internal sealed class ReshapingITopClient(IITopClient inner, Func<ITopObject, ITopObject> reshape) : ReadingITopClient(inner)
{
    public override async IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in Inner.StreamAsync(request, cancellationToken))
        {
            yield return reshape(item);
        }
    }
}
