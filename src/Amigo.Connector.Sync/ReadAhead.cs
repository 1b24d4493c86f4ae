namespace Amigo.Connector.Sync;

/// <summary>
/// Reads a stream ahead on another task into a bounded buffer, so that reading iTop's answer overlaps with encoding and
/// COPYing the previous rows. Items should be chunks (the client's pages of tickets): handing rows over one by one made
/// the two tasks contend on the channel's lock and spin for every ticket, which cost more CPU than parsing them. The
/// bound is in rows, whatever the size of the chunks: memory stays flat; an error of the source surfaces to the reader
/// as is, after the items read before it.
/// </summary>
internal static class ReadAhead
{
    /// <summary>
    /// Yields <paramref name="source"/> in order, reading ahead while the items not yet consumed (the one being consumed
    /// included) hold fewer than <paramref name="capacity"/> rows; <paramref name="rowsOf"/> tells an item's rows. The
    /// reader may thus hold up to one item beyond the capacity, and the producer one more, waiting for room.
    /// </summary>
    public static async IAsyncEnumerable<T> BufferAsync<T>(this IAsyncEnumerable<T> source, int capacity, Func<T, int> rowsOf,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(rowsOf);
        var channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var room = new Room(capacity);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => FillAsync(source, channel.Writer, room, rowsOf, stop.Token), CancellationToken.None);

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
                    room.Free(rowsOf(item)); // consumed: its rows leave the buffer
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

    private static async Task FillAsync<T>(IAsyncEnumerable<T> source, ChannelWriter<T> writer, Room room, Func<T, int> rowsOf, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in source.WithCancellation(cancellationToken))
            {
                await room.TakeAsync(rowsOf(item), cancellationToken);
                writer.TryWrite(item); // unbounded: the room is the bound
            }

            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }

    /// <summary>Rows in the buffer: the producer waits while they reach the capacity, the reader frees them as it goes.</summary>
    private sealed class Room(int capacity) : IDisposable
    {
        private readonly SemaphoreSlim _freed = new(0);
        private int _rows;

        public async ValueTask TakeAsync(int rows, CancellationToken cancellationToken)
        {
            // A wake-up may be stale (room freed and taken again): the condition is checked anew after each one.
            while (Volatile.Read(ref _rows) >= capacity)
            {
                await _freed.WaitAsync(cancellationToken);
            }

            Interlocked.Add(ref _rows, rows);
        }

        public void Free(int rows)
        {
            var left = Interlocked.Add(ref _rows, -rows);
            if (left < capacity && left + rows >= capacity)
            {
                _freed.Release(); // the buffer just went below the capacity: the producer may be waiting for that
            }
        }

        public void Dispose() => _freed.Dispose();
    }
}
