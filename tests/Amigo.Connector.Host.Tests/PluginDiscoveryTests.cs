namespace Amigo.Connector.Host.Tests;

/// <summary>
/// A plugin built separately and copied into the plugins folder is found; one that fails to configure, or registers a
/// clock of its own, is skipped.
/// </summary>
public sealed class PluginDiscoveryTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly string _plugins = Directory.CreateTempSubdirectory("amigo-plugins-").FullName;

    [Fact]
    public async Task Plugin_copied_into_the_plugins_folder_is_discovered_and_the_broken_one_skipped()
    {
        var built = Path.Combine(AppContext.BaseDirectory, "testplugins", "Amigo.TestPlugin.Sample");
        var target = Directory.CreateDirectory(Path.Combine(_plugins, "Amigo.TestPlugin.Sample")).FullName;
        foreach (var file in Directory.GetFiles(built)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));

        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "discovery");
        configuration["Amigo:PluginsPath"] = _plugins;
        configuration["Amigo:Academies:toulouse:Plugins:sample:Enabled"] = "true";
        configuration["Amigo:Academies:toulouse:Plugins:broken:Enabled"] = "true";
        configuration["Amigo:Academies:toulouse:Plugins:clockmaker:Enabled"] = "true";
        var clock = new FakeTimeProvider(ClockSweep.Instant("2031-06-17 14:40"));
        await using var app = TestHosts.Create(configuration, options =>
        {
            options.ScanPluginsFolder = true;
            options.TimeProvider = clock;
        });
        await app.StartAsync();

        var catalog = app.Services.GetRequiredService<PluginCatalog>();
        var sample = Assert.Single(catalog.Plugins, p => p.Id == "sample");
        Assert.Equal(Path.Combine(target, "Amigo.TestPlugin.Sample.dll"), sample.Source);
        Assert.NotEqual(System.Runtime.Loader.AssemblyLoadContext.Default, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(sample.Assembly));
        Assert.Equal(["broken", "clockmaker"], catalog.Failures.Select(f => f.PluginId).Order());
        var broken = Assert.Single(catalog.Failures, f => f.PluginId == "broken");
        Assert.Equal("configure", broken.Stage);
        Assert.Contains("broken on purpose", broken.Error);
        Assert.Null(catalog.Find("broken"));
        var clockmaker = Assert.Single(catalog.Failures, f => f.PluginId == "clockmaker");
        Assert.Equal("configure", clockmaker.Stage);
        Assert.Contains("registers a TimeProvider", clockmaker.Error);
        Assert.Null(catalog.Find("clockmaker"));

        // One clock: the host's, whatever the plugins tried to register.
        Assert.Same(clock, Assert.Single(app.Services.GetServices<TimeProvider>()));

        // The discovered plugin serves and runs; the host kept running despite the broken one.
        var client = app.Client(TestHosts.AdminKey);
        Assert.Equal("hello toulouse", await client.GetStringAsync("/api/academies/toulouse/sample/hello"));
        Assert.Equal(clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            await client.GetStringAsync("/api/academies/toulouse/sample/time"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/academies/toulouse/clockmaker/tick")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/academies/toulouse/broken/boom")).StatusCode);
        var result = await app.Services.GetRequiredService<Jobs.JobRunner>().RunAsync(new Jobs.JobRequest("toulouse", "sample.echo", "test"));
        Assert.Equal(("succeeded", 1L), (result.Outcome, result.Counts["echo"]));

        // Its schema came from the migrations embedded in its assembly, applied by the host's runner at start.
        await using (var connection = new Npgsql.NpgsqlConnection(configuration["Amigo:Database:ConnectionString"]))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "SELECT string_agg(version || ':' || name, ',' ORDER BY version) FROM schema_migrations WHERE plugin = 'sample'", connection);
            Assert.Equal("1:sample_greetings,2:sample_greeting_time", await command.ExecuteScalarAsync());
            await using var columns = new Npgsql.NpgsqlCommand(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'sample_greetings'", connection);
            Assert.Equal(3L, await columns.ExecuteScalarAsync());
        }
        await app.StopAsync();
    }

    [Fact]
    public async Task Every_shipped_plugin_resolves_the_host_clock()
    {
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "shipped");
        configuration["Amigo:PluginsPath"] = TestHosts.ShippedPluginsFolder();
        var clock = new FakeTimeProvider(ClockSweep.Instant("2025-02-11 10:15"));
        await using var app = TestHosts.Create(configuration, options =>
        {
            options.ScanPluginsFolder = true;
            options.TimeProvider = clock;
        });

        var catalog = app.Services.GetRequiredService<PluginCatalog>();
        Assert.Empty(catalog.Failures);
        Assert.Equal(["arena", "autoclose", "catalogue", "reassign", "reporting", "retention"], catalog.Plugins.Where(p => p.Assembly != typeof(CountingPlugin).Assembly).Select(p => p.Id).Order());
        Assert.Same(clock, Assert.Single(app.Services.GetServices<TimeProvider>()));
    }

    public void Dispose() => Directory.Delete(_plugins, recursive: true);
}
