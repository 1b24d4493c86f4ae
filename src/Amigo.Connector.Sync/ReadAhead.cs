using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Amigo.Connector.Sync;

/// <summary>
/// Reads a stream ahead on another task into a bounded buffer, so that parsing iTop's answer overlaps with
/// PostgreSQL merging the previous batch. Items cross between the tasks in chunks: handing them over one by one made
/// the two tasks contend on the channel's lock and spin for every ticket, which cost more CPU than parsing them.
/// Memory stays bounded by the capacity; an error of the source surfaces to the reader as is, after the items read
/// before it.
/// </summary>
internal static class ReadAhead
{
    /// <summary>Largest number of items handed over at once.</summary>
    internal const int MaxChunk = 256;

    /// <summary>Yields <paramref name="source"/> in order, reading at most about <paramref name="capacity"/> items ahead.</summary>
    public static async IAsyncEnumerable<T> BufferAsync<T>(this IAsyncEnumerable<T> source, int capacity, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var chunkSize = Math.Clamp(capacity / 4, 1, MaxChunk);
        var chunks = Math.Max(1, capacity / chunkSize - 1); // plus the chunk being filled
        var channel = Channel.CreateBounded<List<T>>(new BoundedChannelOptions(chunks) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => FillAsync(source, channel.Writer, chunkSize, stop.Token), CancellationToken.None);

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

                while (channel.Reader.TryRead(out var chunk))
                {
                    foreach (var item in chunk)
                    {
                        yield return item;
                    }
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

    private static async Task FillAsync<T>(IAsyncEnumerable<T> source, ChannelWriter<List<T>> writer, int chunkSize, CancellationToken cancellationToken)
    {
        try
        {
            var chunk = new List<T>(chunkSize);
            await foreach (var item in source.WithCancellation(cancellationToken))
            {
                chunk.Add(item);
                if (chunk.Count == chunkSize)
                {
                    await writer.WriteAsync(chunk, cancellationToken);
                    chunk = new List<T>(chunkSize);
                }
            }

            if (chunk.Count > 0)
            {
                await writer.WriteAsync(chunk, cancellationToken);
            }

            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }
}
