using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Amigo.Connector.Sync;

/// <summary>
/// Reads a stream ahead on another task into a small bounded buffer, so that parsing iTop's answer overlaps with
/// PostgreSQL merging the previous batch. Memory stays bounded by the capacity; an error of the source surfaces to the
/// reader as is.
/// </summary>
internal static class ReadAhead
{
    public static async IAsyncEnumerable<T> BufferAsync<T>(this IAsyncEnumerable<T> source, int capacity, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source.WithCancellation(stop.Token))
                {
                    await channel.Writer.WriteAsync(item, stop.Token);
                }

                channel.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                channel.Writer.TryComplete(ex);
            }
        }, CancellationToken.None);

        try
        {
            while (true)
            {
                bool available;
                try
                {
                    available = await channel.Reader.WaitToReadAsync(cancellationToken);
                }
                catch (ChannelClosedException closed) when (closed.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(closed.InnerException).Throw();
                    throw;
                }

                if (!available)
                {
                    break;
                }

                while (channel.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }

            await channel.Reader.Completion; // rethrows the source's error, if any
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }
}
