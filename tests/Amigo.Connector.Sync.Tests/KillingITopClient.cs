namespace Amigo.Connector.Sync.Tests;

/// <summary>An iTop client that "kills the host" (throws) after a given number of objects read: a sync dying at that point.</summary>
internal sealed class KillingITopClient(IITopClient inner, int killAfterObjects) : ReadingITopClient(inner)
{
    private int _objects;

    public sealed class KilledException() : Exception("Simulated crash of the host.");

    public override async IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in Inner.StreamAsync(request, cancellationToken))
        {
            if (Interlocked.Increment(ref _objects) > killAfterObjects)
            {
                throw new KilledException();
            }

            yield return item;
        }
    }
}
