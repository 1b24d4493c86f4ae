namespace Amigo.Connector.Sync.Tests;

/// <summary>The read-ahead of pages: items are chunks of rows (like the client's pages), bounded by their rows.</summary>
public sealed class ReadAheadTests
{
    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 1, 1)]
    [InlineData(999, 8, 5)]
    [InlineData(10_000, 1_000, 128)]
    [InlineData(10_000, 100, 300)] // chunks larger than the capacity still flow, one at a time
    public async Task Yields_every_row_in_order(int count, int capacity, int chunk)
    {
        var read = new List<int>();
        await foreach (var rows in Chunks(count, chunk).BufferAsync(capacity, c => c.Length))
        {
            read.AddRange(rows);
        }

        Assert.Equal(Enumerable.Range(0, count), read);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(128)]
    [InlineData(37)]
    public async Task Reads_no_further_ahead_than_the_capacity_in_rows(int chunk)
    {
        var produced = 0;
        await using var reader = Chunks(100_000, chunk, onYield: rows => Interlocked.Add(ref produced, rows)).BufferAsync(1_000, c => c.Length).GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync());

        // The producer runs on: wait until it stops for lack of room, then check how far it got. At most: the capacity,
        // plus the chunk that crossed it, plus the chunk the producer holds while it waits.
        var last = await SettledAsync(() => Volatile.Read(ref produced));
        Assert.InRange(last, Math.Min(1_000, 2 * chunk), 1_000 + 2 * chunk);

        // Consuming frees room: the producer refills the buffer (all consumed chunks but the current one are freed).
        var consumed = chunk;
        while (consumed < 2_000)
        {
            Assert.True(await reader.MoveNextAsync());
            consumed += reader.Current.Length;
        }

        var later = await SettledAsync(() => Volatile.Read(ref produced));
        Assert.InRange(later, consumed - chunk + 1_000, consumed + 1_000 + 2 * chunk);
    }

    [Fact]
    public async Task An_error_of_the_source_surfaces_after_the_items_read_before_it()
    {
        var read = new List<int>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var rows in Chunks(700, 64, failAfter: true).BufferAsync(100, c => c.Length))
            {
                read.AddRange(rows);
            }
        });

        Assert.Equal("source failed", error.Message);
        Assert.Equal(Enumerable.Range(0, 700), read);
    }

    [Fact]
    public async Task Stopping_early_stops_the_producer()
    {
        var produced = 0;
        await foreach (var rows in Chunks(1_000_000, 10, onYield: rows => Interlocked.Add(ref produced, rows)).BufferAsync(100, c => c.Length))
        {
            if (rows[0] == 10)
            {
                break;
            }
        }

        var after = Volatile.Read(ref produced);
        await Task.Delay(100);
        Assert.Equal(after, Volatile.Read(ref produced));
        Assert.True(after < 1_000);
    }

    private static async Task<int> SettledAsync(Func<int> read)
    {
        var last = -1;
        while (read() != last)
        {
            last = read();
            await Task.Delay(50);
        }

        return last;
    }

    private static async IAsyncEnumerable<int[]> Chunks(int count, int chunk, bool failAfter = false, Action<int>? onYield = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var start = 0; start < count; start += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            var rows = Enumerable.Range(start, Math.Min(chunk, count - start)).ToArray();
            onYield?.Invoke(rows.Length);
            yield return rows;
        }

        if (failAfter)
        {
            throw new InvalidOperationException("source failed");
        }
    }
}
