namespace Amigo.Connector.Host.Tests;

/// <summary>
/// A plugin's hosted service follows the run-time switches: started when the first academy enables the plugin,
/// stopped and disposed when the last one disables it, made again on the next enable, never started twice, stopped
/// once by the host's shutdown; a failing start is logged, shown in <c>/health</c> and tried again at the next change.
/// </summary>
public sealed class PluginHostedServiceGatingTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_service_starts_on_the_first_enable_stops_on_the_last_disable_and_starts_again()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var probe = BackgroundWorkProbe.For(connectionString);
        var app = TestHosts.Create(TestHosts.Configuration(connectionString, Guid.NewGuid().ToString("N")));
        await app.StartAsync();
        var switches = app.Services.GetRequiredService<PluginSwitchStore>();

        // No academy enables it: not even created.
        Assert.Equal((0, 0), (probe.Created, probe.Starts));
        Assert.Equal(PluginHostedServiceStatus.Stopped, (await BackgroundStatusAsync(app)).GetProperty("state").GetString());

        await switches.SetAsync("toulouse", "background", true, "test");
        await EventuallyAsync(() => probe.Running == 1, "started after the first enable");
        Assert.Equal(PluginHostedServiceStatus.Running, (await BackgroundStatusAsync(app)).GetProperty("state").GetString());

        // A second academy, then the first one leaving: it keeps running.
        await switches.SetAsync("montpellier", "background", true, "test");
        await switches.SetAsync("toulouse", "background", false, "test");
        await switches.SetAsync("montpellier", "background", false, "test");
        await EventuallyAsync(() => probe.Running == 0, "stopped after the last disable");
        Assert.Equal((1, 1, 1), (probe.Starts, probe.Stops, probe.Disposals));
        Assert.Equal(PluginHostedServiceStatus.Stopped, (await BackgroundStatusAsync(app)).GetProperty("state").GetString());

        await switches.SetAsync("montpellier", "background", true, "test");
        await EventuallyAsync(() => probe.Running == 1, "started again after a new enable");
        Assert.Equal((2, 2), (probe.Created, probe.Starts));
        Assert.Equal(0, probe.StartsAfterDispose);

        await app.StopAsync();
        Assert.Equal((0, 2, 2), (probe.Running, probe.Stops, probe.Disposals));

        // Once stopped by the host, a switch change does not bring it back, and disposing the host does not stop it again.
        await switches.SetAsync("toulouse", "background", true, "test");
        await Wrapper(app).ReconcileAsync(ReconcileCause.SwitchChange, CancellationToken.None);
        await app.DisposeAsync();
        Assert.Equal((2, 2, 2, 1), (probe.Starts, probe.Stops, probe.Disposals, probe.MaxRunning));
    }

    [Fact]
    public async Task Concurrent_switch_changes_start_the_service_exactly_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var probe = BackgroundWorkProbe.For(connectionString);
        await using var app = TestHosts.Create(TestHosts.Configuration(connectionString, Guid.NewGuid().ToString("N")));
        await app.StartAsync();
        var switches = app.Services.GetRequiredService<PluginSwitchStore>();
        var wrapper = Wrapper(app);

        // The gate's look after each enable races eight direct looks: a start takes 20 ms, so unserialized starts would overlap.
        await switches.SetAsync("toulouse", "background", true, "test");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => wrapper.ReconcileAsync(ReconcileCause.SwitchChange, CancellationToken.None))
            .Append(switches.SetAsync("montpellier", "background", true, "test")));
        await EventuallyAsync(() => probe.Running == 1, "started");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => wrapper.ReconcileAsync(ReconcileCause.SwitchChange, CancellationToken.None)));
        Assert.Equal((1, 1, 1, 0), (probe.Created, probe.Starts, probe.MaxRunning, probe.Stops));

        // Enables and disables racing each other, ending enabled: never two instances at once, every stopped one disposed.
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => i % 4 == 3
            ? wrapper.ReconcileAsync(ReconcileCause.SwitchChange, CancellationToken.None)
            : switches.SetAsync(i % 2 == 0 ? "toulouse" : "montpellier", "background", i % 3 != 0, $"test-{i}")));
        await Task.WhenAll(switches.SetAsync("toulouse", "background", true, "test"), switches.SetAsync("montpellier", "background", false, "test"));
        await wrapper.ReconcileAsync(ReconcileCause.SwitchChange, CancellationToken.None);
        await EventuallyAsync(() => probe.Running == 1, "running at the end");
        Assert.Equal(1, probe.MaxRunning);
        Assert.Equal(probe.Stops + 1, probe.Starts);
        Assert.Equal(probe.Stops, probe.Disposals);
        Assert.Equal(probe.Starts, probe.Created);
        Assert.Equal(0, probe.StartsAfterDispose);
        await app.StopAsync();
        Assert.Equal(0, probe.Running);
    }

    [Fact]
    public async Task A_failing_start_is_logged_shown_and_tried_again_at_the_next_switch_change_without_stopping_the_host()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var probe = BackgroundWorkProbe.For(connectionString);
        probe.FailingStarts = 1;
        var logs = new CapturingLoggerProvider();
        // Without the listener, whose (re)connection counts as a change too: only this test's changes make the gate look again.
        await using var app = TestHosts.Create(TestHosts.Configuration(connectionString, Guid.NewGuid().ToString("N")),
            options => options.ConfigureServices = services => WithoutListener(services).AddSingleton<ILoggerProvider>(logs));
        await app.StartAsync();
        var switches = app.Services.GetRequiredService<PluginSwitchStore>();

        await switches.SetAsync("toulouse", "background", true, "test");
        await EventuallyAsync(() => Wrapper(app).Status.State == PluginHostedServiceStatus.Failed, "failed");
        var status = await BackgroundStatusAsync(app);
        Assert.Equal("InvalidOperationException: background work cannot start (test)", status.GetProperty("error").GetString());
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("BackgroundWork of plugin background failed to start", StringComparison.Ordinal));
        Assert.Equal((1, 0, 1), (probe.Created, probe.Starts, probe.Disposals));
        // The host carries on: its other plugins still answer.
        Assert.Equal("pong toulouse", await app.Client(TestHosts.AdminKey).GetStringAsync("/api/academies/toulouse/counting/ping"));

        await switches.SetAsync("montpellier", "background", true, "test");
        await EventuallyAsync(() => probe.Running == 1, "started on the next switch change");
        Assert.Equal((2, 1), (probe.Created, probe.Starts));
        status = await BackgroundStatusAsync(app);
        Assert.Equal(PluginHostedServiceStatus.Running, status.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("error").ValueKind);
        await app.StopAsync();
    }

    [Fact]
    public async Task Background_work_that_ends_with_an_error_is_shown_failed_and_started_afresh_at_the_next_switch_change()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var probe = BackgroundWorkProbe.For(connectionString);
        probe.FailingLoops = 1;
        await using var app = TestHosts.Create(TestHosts.Configuration(connectionString, Guid.NewGuid().ToString("N")),
            options => options.ConfigureServices = services => WithoutListener(services));
        await app.StartAsync();
        var switches = app.Services.GetRequiredService<PluginSwitchStore>();

        await switches.SetAsync("toulouse", "background", true, "test");
        await EventuallyAsync(() => Wrapper(app, nameof(BackgroundLoop)).Status.State == PluginHostedServiceStatus.Failed, "shown failed");
        Assert.Equal("InvalidOperationException: background loop broke (test)",
            (await BackgroundStatusAsync(app, nameof(BackgroundLoop))).GetProperty("error").GetString());
        // The plugin's other service is not affected.
        Assert.Equal(PluginHostedServiceStatus.Running, (await BackgroundStatusAsync(app)).GetProperty("state").GetString());

        await switches.SetAsync("montpellier", "background", true, "test");
        await EventuallyAsync(() => Wrapper(app, nameof(BackgroundLoop)).Status.State == PluginHostedServiceStatus.Running, "running again");
        Assert.Equal(2, probe.LoopRuns);
        Assert.Equal(1, probe.Starts);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_switch_changed_on_another_host_starts_and_stops_the_service_here()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var probe = BackgroundWorkProbe.For(connectionString);
        var configuration = TestHosts.Configuration(connectionString, Guid.NewGuid().ToString("N"));
        // The other host is a short-lived process: no hosted services, only its switch store (whose NOTIFY reaches this host).
        await using var here = TestHosts.Create(configuration, o => o.HostName = "host-a");
        await using var elsewhere = TestHosts.Create(configuration, o => o.HostName = "host-b");
        await here.StartAsync();
        var otherSwitches = elsewhere.Services.GetRequiredService<PluginSwitchStore>();

        await otherSwitches.SetAsync("toulouse", "background", true, "other-host");
        await EventuallyAsync(() => probe.Running == 1, "started through the notification");
        await otherSwitches.SetAsync("toulouse", "background", false, "other-host");
        await EventuallyAsync(() => probe.Running == 0, "stopped through the notification");
        Assert.Equal((1, 1), (probe.Starts, probe.Stops));
        await here.StopAsync();
    }

    [Fact]
    public async Task A_missed_notice_is_caught_by_the_periodic_look_on_the_hosts_clock()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var probe = BackgroundWorkProbe.For(connectionString);
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero));
        // No listener: a change made by another process goes unnoticed but for the periodic look.
        await using var app = TestHosts.Create(TestHosts.Configuration(connectionString, Guid.NewGuid().ToString("N")), o =>
        {
            o.TimeProvider = clock;
            o.ConfigureServices = services => WithoutListener(services);
        });
        await app.StartAsync();

        // Another process's store: its change reaches neither this host's cache nor, without a listener, its gate.
        var otherProcess = new PluginSwitchStore(app.Services.GetRequiredService<IConnectorDatabase>(), clock);
        await otherProcess.SetAsync("toulouse", "background", true, "other-process");
        await Task.Delay(300);
        Assert.Equal(0, probe.Starts);

        var deadline = DateTime.UtcNow + Patience;
        while (probe.Running == 0 && DateTime.UtcNow < deadline)
        {
            clock.Advance(PluginSwitchCache.MaxAge);
            await Task.Delay(50);
        }
        Assert.Equal((1, 1), (probe.Starts, probe.Running));
        await app.StopAsync();
    }

    [Fact]
    public async Task A_service_a_factory_hands_out_is_stopped_not_disposed_and_started_again()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var app = TestHosts.Create(TestHosts.Configuration(connectionString, Guid.NewGuid().ToString("N")));
        await app.StartAsync();
        var switches = app.Services.GetRequiredService<PluginSwitchStore>();
        var shared = app.Services.GetRequiredService<SharedBackgroundWork>();
        var wrapper = app.Services.GetServices<IHostedService>().OfType<PluginHostedService>().Single(s => s.PluginId == "shared-background");

        await switches.SetAsync("toulouse", "shared-background", true, "test");
        await EventuallyAsync(() => shared.Starts == 1, "started on the enable");
        await switches.SetAsync("toulouse", "shared-background", false, "test");
        await EventuallyAsync(() => wrapper.Status.State == PluginHostedServiceStatus.Stopped && shared.Stops == 1, "stopped on the disable");
        // The container owns it: the wrapper stopped it and left it whole.
        Assert.Equal(0, shared.Disposals);

        await switches.SetAsync("toulouse", "shared-background", true, "test");
        await EventuallyAsync(() => wrapper.Status.State == PluginHostedServiceStatus.Running, "running again");
        Assert.Equal((2, 1, 0, 0), (shared.Starts, shared.Stops, shared.Disposals, shared.StartsAfterDispose));
        Assert.Same(shared, app.Services.GetRequiredService<SharedBackgroundWork>());

        // The host's shutdown stops it; disposing the host disposes it once, through the container.
        await app.StopAsync();
        Assert.Equal((2, 0), (shared.Stops, shared.Disposals));
        await app.DisposeAsync();
        Assert.Equal((2, 2, 1, 0), (shared.Starts, shared.Stops, shared.Disposals, shared.StartsAfterDispose));
    }

    private static IServiceCollection WithoutListener(IServiceCollection services)
    {
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(PluginSwitchListener)));
        return services;
    }

    private static PluginHostedService Wrapper(WebApplication app, string service = nameof(BackgroundWork)) =>
        app.Services.GetServices<IHostedService>().OfType<PluginHostedService>().Single(s => s.PluginId == "background" && s.Status.Service == service);

    private static async Task<JsonElement> BackgroundStatusAsync(WebApplication app, string service = nameof(BackgroundWork))
    {
        // /health answers 503 here (the academies' iTop is unreachable); the plugin services are listed either way.
        using var response = await app.Client(null).GetAsync("/health");
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return report.GetProperty("pluginServices").EnumerateArray().Single(s => s.GetProperty("plugin").GetString() == "background" && s.GetProperty("service").GetString() == service).Clone();
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Not {what} within {Patience.TotalSeconds} s");
            await Task.Delay(20);
        }
    }
}
