using System.Net;
using Amigo.Connector.Host.Plugins;
using Amigo.Connector.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Amigo.Connector.Host.Tests;

/// <summary>A plugin built separately and copied into the plugins folder is found; one that fails to configure is skipped.</summary>
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
        await using var app = TestHosts.Create(configuration, options => options.ScanPluginsFolder = true);
        await app.StartAsync();

        var catalog = app.Services.GetRequiredService<PluginCatalog>();
        var sample = Assert.Single(catalog.Plugins, p => p.Id == "sample");
        Assert.Equal(Path.Combine(target, "Amigo.TestPlugin.Sample.dll"), sample.Source);
        Assert.NotEqual(System.Runtime.Loader.AssemblyLoadContext.Default, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(sample.Assembly));
        var broken = Assert.Single(catalog.Failures);
        Assert.Equal(("broken", "configure"), (broken.PluginId, broken.Stage));
        Assert.Contains("broken on purpose", broken.Error);
        Assert.Null(catalog.Find("broken"));

        // The discovered plugin serves and runs; the host kept running despite the broken one.
        var client = app.Client(TestHosts.AdminKey);
        Assert.Equal("hello toulouse", await client.GetStringAsync("/api/academies/toulouse/sample/hello"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/academies/toulouse/broken/boom")).StatusCode);
        var result = await app.Services.GetRequiredService<Jobs.JobRunner>().RunAsync(new Jobs.JobRequest("toulouse", "sample.echo", "test"));
        Assert.Equal(("succeeded", 1L), (result.Outcome, result.Counts["echo"]));
        await app.StopAsync();
    }

    public void Dispose() => Directory.Delete(_plugins, recursive: true);
}
