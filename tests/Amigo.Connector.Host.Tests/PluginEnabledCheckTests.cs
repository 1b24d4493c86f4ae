namespace Amigo.Connector.Host.Tests;

/// <summary>
/// The one enabled check answers from memory, is dropped when a switch changes (on this host at once, on another
/// host through PostgreSQL notifications), and a plugin's hosted services run only where an academy enables it.
/// </summary>
public sealed class PluginEnabledCheckTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Plugin_requests_do_not_read_the_switches_each_time_and_a_change_is_seen_at_once()
    {
        await using var app = TestHosts.Create(TestHosts.Configuration(await postgres.CreateDatabaseAsync(), Guid.NewGuid().ToString("N")));
        await app.StartAsync();
        var client = app.Client(TestHosts.AdminKey);
        var cache = app.Services.GetRequiredService<PluginSwitchCache>();

        for (var i = 0; i < 30; i++) Assert.Equal("pong toulouse", await client.GetStringAsync("/api/academies/toulouse/counting/ping"));
        // One read, and one more at most when the change listener connected meanwhile (it drops the cache once then).
        Assert.InRange(cache.Loads, 1, 2);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/academies/toulouse/plugins/counting/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/academies/toulouse/counting/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/academies/toulouse/plugins/counting/enable", null)).StatusCode);
        Assert.Equal("pong toulouse", await client.GetStringAsync("/api/academies/toulouse/counting/ping"));
        await app.StopAsync();
    }

    [Fact]
    public async Task Checks_that_miss_the_cache_together_share_one_read()
    {
        await using var app = TestHosts.Create(TestHosts.Configuration(await postgres.CreateDatabaseAsync(), Guid.NewGuid().ToString("N")));
        // Started for the migrations, stopped so that nothing of the host reads the switches meanwhile.
        await app.StartAsync();
        await app.StopAsync();
        var cache = app.Services.GetRequiredService<PluginSwitchCache>();

        cache.Invalidate();
        var before = cache.Loads;
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => cache.GetAsync(i % 2 == 0 ? "toulouse" : "montpellier", "counting").AsTask()));
        Assert.All(answers, Assert.Null);
        Assert.Equal(before + 1, cache.Loads);
    }

    [Fact]
    public async Task A_switch_changed_on_another_host_reaches_this_hosts_check()
    {
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), Guid.NewGuid().ToString("N"));
        await using var first = TestHosts.Create(configuration, o => o.HostName = "host-a");
        await using var second = TestHosts.Create(configuration, o => o.HostName = "host-b");
        await first.StartAsync();
        await second.StartAsync();
        var firstClient = first.Client(TestHosts.AdminKey);
        Assert.Equal("pong toulouse", await firstClient.GetStringAsync("/api/academies/toulouse/counting/ping"));

        Assert.Equal(HttpStatusCode.OK, (await second.Client(TestHosts.AdminKey).PostAsync("/api/academies/toulouse/plugins/counting/disable", null)).StatusCode);

        // Well under the cache's maximum age: the notification, not the expiry, makes host A see it.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        HttpStatusCode status;
        while ((status = (await firstClient.GetAsync("/api/academies/toulouse/counting/ping")).StatusCode) != HttpStatusCode.NotFound && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Equal(HttpStatusCode.NotFound, status);
        await second.StopAsync();
        await first.StopAsync();
    }

    [Fact]
    public async Task A_change_made_here_drops_the_cache_once_and_one_made_elsewhere_through_the_notice()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var app = TestHosts.Create(TestHosts.Configuration(connectionString, Guid.NewGuid().ToString("N")));
        var cache = app.Services.GetRequiredService<PluginSwitchCache>();
        var drops = 0;
        cache.Invalidated += () => Interlocked.Increment(ref drops);
        await app.StartAsync();
        // The listener drops the cache once when its LISTEN took effect: from then on it hears every notice.
        await EventuallyAsync(() => Volatile.Read(ref drops) == 1, "listening");

        await app.Services.GetRequiredService<PluginSwitchStore>().SetAsync("toulouse", "counting", false, "here");
        Assert.Equal(2, Volatile.Read(ref drops));
        // Another process's change, notified after this host's own (PostgreSQL delivers notices in commit order): its
        // drop comes after the echo of the change made here would have.
        var otherProcess = new PluginSwitchStore(app.Services.GetRequiredService<IConnectorDatabase>(), TimeProvider.System);
        await otherProcess.SetAsync("montpellier", "counting", false, "elsewhere");
        await EventuallyAsync(() => Volatile.Read(ref drops) >= 3, "dropped by the other process's notice");
        // An echo would make it 4 right after (before the other notice, so already counted or about to be).
        await Task.Delay(300);
        Assert.Equal(3, Volatile.Read(ref drops));
        await app.StopAsync();
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Not {what} within 15 s");
            await Task.Delay(20);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_plugins_hosted_service_starts_only_when_an_academy_enables_the_plugin(bool enabledSomewhere)
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var configuration = TestHosts.Configuration(connectionString, Guid.NewGuid().ToString("N"));
        if (enabledSomewhere) configuration["Amigo:Academies:montpellier:Plugins:background:Enabled"] = "true";
        await using var app = TestHosts.Create(configuration);
        await app.StartAsync();

        Assert.Equal(enabledSomewhere ? 1 : 0, BackgroundWorkProbe.For(connectionString).Starts);
        await app.StopAsync();
    }
}

/// <summary>A plugin that declares only an id, a description and its services loads and serves with the defaults.</summary>
public sealed class MinimalPluginTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_plugin_of_an_id_a_description_and_services_loads_with_no_settings_jobs_endpoints_or_commands()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero));
        await using var app = TestHosts.Create(TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "minimal"), o => o.TimeProvider = clock);

        var minimal = Assert.Single(app.Services.GetRequiredService<Plugins.PluginCatalog>().Plugins, p => p.Id == "minimal").Plugin;
        Assert.Null(minimal.SettingsType);
        Assert.Empty(minimal.Jobs);
        Assert.Empty(minimal.CreateCommands(app.Services));
        Assert.Equal("minimal at 2031-03-04T05:06:07.0000000+00:00", app.Services.GetRequiredService<MinimalGreeting>().Greet());
    }
}

/// <summary>The one settings validator, as plugins reach it from an academy.</summary>
public sealed class ValidatedPluginSettingsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Validated_settings_come_back_when_valid_and_throw_every_problem_otherwise()
    {
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "validated");
        configuration["Amigo:Academies:montpellier:Plugins:counting:Label"] = "forbidden";
        configuration["Amigo:Academies:montpellier:Plugins:counting:DelayMilliseconds"] = "-1";
        await using var app = TestHosts.Create(configuration);
        var registry = app.Services.GetRequiredService<Amigo.Connector.Contracts.Academies.IAcademyRegistry>();

        Assert.Equal("validated", registry.Find("toulouse")!.GetValidatedPluginSettings<CountingSettings>("counting").Label);
        var error = Assert.Throws<Amigo.Connector.Contracts.Plugins.PluginSettingsException>(
            () => registry.Find("montpellier")!.GetValidatedPluginSettings<CountingSettings>("counting"));
        Assert.Equal(("montpellier", "counting"), (error.AcademyId, error.PluginId));
        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("DelayMilliseconds:", StringComparison.Ordinal));
        Assert.Contains("Label: 'forbidden' is not allowed", error.Problems);
    }
}
