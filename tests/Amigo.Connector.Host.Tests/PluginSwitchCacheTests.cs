namespace Amigo.Connector.Host.Tests;

/// <summary>
/// The switch cache never keeps, past a drop, what was read before it: a read that a change overtook answers its own
/// callers, and the next check reads again.
/// </summary>
public sealed class PluginSwitchCacheTests
{
    [Fact]
    public async Task A_read_overtaken_by_a_drop_is_not_trusted_by_the_next_check()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero));
        var reads = new Queue<TaskCompletionSource<IReadOnlyList<PluginSwitch>>>();
        var readStarted = new SemaphoreSlim(0);
        var cache = new PluginSwitchCache(_ =>
        {
            var read = new TaskCompletionSource<IReadOnlyList<PluginSwitch>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (reads) reads.Enqueue(read);
            readStarted.Release();
            return read.Task;
        }, clock);
        var invalidations = 0;
        cache.Invalidated += () => invalidations++;

        // The read takes the switch as it was (enabled); the change (disabled) and its drop land while it is under way.
        var overtaken = cache.GetAsync("toulouse", "background").AsTask();
        Assert.True(await readStarted.WaitAsync(TimeSpan.FromSeconds(10)));
        cache.Invalidate();
        Assert.Equal(1, invalidations);
        Next(reads).SetResult([Switch(enabled: true)]);
        Assert.True(await overtaken);

        // Those the drop made look again see the change, however the older read was stored meanwhile.
        var check = cache.GetAsync("toulouse", "background").AsTask();
        Assert.True(await readStarted.WaitAsync(TimeSpan.FromSeconds(10)));
        Next(reads).SetResult([Switch(enabled: false)]);
        Assert.False(await check);
        Assert.Equal(2, cache.Loads);

        // That read was not overtaken: kept and answered from memory.
        Assert.False(await cache.GetAsync("toulouse", "background"));
        Assert.Equal(2, cache.Loads);
    }

    private static TaskCompletionSource<IReadOnlyList<PluginSwitch>> Next(Queue<TaskCompletionSource<IReadOnlyList<PluginSwitch>>> reads)
    {
        lock (reads) return reads.Dequeue();
    }

    private static PluginSwitch Switch(bool enabled) =>
        new("toulouse", "background", enabled, "test", new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero));
}
