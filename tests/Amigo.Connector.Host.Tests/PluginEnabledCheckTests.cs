using System.Net;
using Amigo.Connector.Host.Academies;
using Amigo.Connector.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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

        var key = new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
        Assert.Equal(enabledSomewhere ? 1 : 0, BackgroundWork.Starts.GetValueOrDefault(
            BackgroundWork.Starts.Keys.FirstOrDefault(k => new NpgsqlConnectionStringBuilder(k).Database == new NpgsqlConnectionStringBuilder(key).Database) ?? ""));
        await app.StopAsync();
    }
}
