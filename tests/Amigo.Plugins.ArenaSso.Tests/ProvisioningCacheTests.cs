namespace Amigo.Plugins.ArenaSso.Tests;

public sealed class ProvisioningCacheTests
{
    [Fact]
    public async Task iTop_is_asked_again_only_once_the_cache_duration_has_passed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T07:30:00Z"));
        await using var scenario = await ArenaScenario.StartAsync(
            s => s["CacheDuration"] = "00:10:00", services => services.AddSingleton<TimeProvider>(clock));
        await scenario.LoginAsync(ArenaScenario.Headers());
        var calls = scenario.CallCount;

        clock.Advance(TimeSpan.FromMinutes(9));
        await scenario.LoginAsync(ArenaScenario.Headers());
        Assert.Equal(calls, scenario.CallCount);

        clock.Advance(TimeSpan.FromMinutes(2));
        await scenario.LoginAsync(ArenaScenario.Headers());
        Assert.True(scenario.CallCount > calls, "the expired entry was still served");
        Assert.Single(scenario.Persons);
    }

    [Fact]
    public void An_entry_serves_only_the_identity_it_was_made_for()
    {
        var cache = new ProvisioningCache(new FakeTimeProvider());
        var result = new ProvisioningResult(1, 2, 3, ["Portal user"], ["provision.person.create"]);

        cache.Store("toulouse/jdupont", "fingerprint-a", result, TimeSpan.FromMinutes(5));

        Assert.Null(cache.Find("toulouse/jdupont", "fingerprint-b"));
        var cached = cache.Find("toulouse/jdupont", "fingerprint-a");
        Assert.Equal(1, cached!.PersonId);
        Assert.Empty(cached.Changes);
    }

    [Fact]
    public async Task Identity_locks_serialise_one_identity_and_are_dropped_when_released()
    {
        var locks = new IdentityLocks();
        var first = await locks.AcquireAsync("a", CancellationToken.None);
        var second = locks.AcquireAsync("a", CancellationToken.None);
        var other = await locks.AcquireAsync("b", CancellationToken.None);

        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        other.Dispose();
        Assert.Equal(0, locks.Count);
    }
}
