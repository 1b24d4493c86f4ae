using System.Runtime.CompilerServices;

namespace Amigo.Connector.Sync.Tests;

public sealed class ReadAheadTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(999, 8)]
    [InlineData(10_000, 1_000)]
    public async Task Yields_every_item_in_order(int count, int capacity)
    {
        var read = new List<int>();
        await foreach (var item in Numbers(count).BufferAsync(capacity))
        {
            read.Add(item);
        }

        Assert.Equal(Enumerable.Range(0, count), read);
    }

    [Fact]
    public async Task Reads_no_further_ahead_than_the_capacity()
    {
        var produced = 0;
        await using var reader = Numbers(100_000, onYield: () => Interlocked.Increment(ref produced)).BufferAsync(1_000).GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync());

        // The producer runs on: wait until it stops for lack of room, then check how far it got.
        var last = -1;
        while (Volatile.Read(ref produced) != last)
        {
            last = Volatile.Read(ref produced);
            await Task.Delay(50);
        }

        Assert.InRange(last, 2, 1_000 + ReadAhead.MaxChunk + 1);
    }

    [Fact]
    public async Task An_error_of_the_source_surfaces_after_the_items_read_before_it()
    {
        var read = new List<int>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var item in Numbers(700, failAfter: true).BufferAsync(100))
            {
                read.Add(item);
            }
        });

        Assert.Equal("source failed", error.Message);
        Assert.Equal(Enumerable.Range(0, 700), read);
    }

    [Fact]
    public async Task Stopping_early_stops_the_producer()
    {
        var produced = 0;
        await foreach (var item in Numbers(1_000_000, onYield: () => Interlocked.Increment(ref produced)).BufferAsync(100))
        {
            if (item == 10)
            {
                break;
            }
        }

        var after = Volatile.Read(ref produced);
        await Task.Delay(100);
        Assert.Equal(after, Volatile.Read(ref produced));
        Assert.True(after < 1_000);
    }

    private static async IAsyncEnumerable<int> Numbers(int count, bool failAfter = false, Action? onYield = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i % 64 == 0)
            {
                await Task.Yield();
            }

            onYield?.Invoke();
            yield return i;
        }

        if (failAfter)
        {
            throw new InvalidOperationException("source failed");
        }
    }
}
