namespace Amigo.Connector.Host.Tests;

/// <summary>
/// The academies' iTop clients are created by the container and log through the host: a retried read leaves its warning
/// in the host's log; the configuration's view of an academy has no connection.
/// </summary>
public sealed class ITopClientLoggingTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_retry_of_an_academy_client_is_logged_by_the_host()
    {
        using var itop = ITopSimulation.Start();
        var logs = new CapturingLoggerProvider();
        await using var app = TestHosts.Create(TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "logging", itop.Url),
            options => options.ConfigureServices = services => services.AddSingleton<ILoggerProvider>(logs));
        await app.StartAsync();
        var toulouse = app.Services.GetRequiredService<IAcademyRegistry>().Find("toulouse")!;

        itop.FailNextWithStatus(503);
        var operations = await toulouse.ITop.ListOperationsAsync();

        Assert.NotEmpty(operations);
        var warning = Assert.Single(logs.Entries, e => e.Category == "Amigo.Connector.ITop.ITopClient" && e.Level == LogLevel.Warning);
        Assert.Contains("retrying", warning.Message);
        await app.StopAsync();
    }

    [Fact]
    public async Task The_configuration_view_of_an_academy_refuses_itop_calls_and_the_registry_holds_the_connected_one()
    {
        using var itop = ITopSimulation.Start();
        await using var app = TestHosts.Create(TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "unconnected", itop.Url));
        var configured = app.Services.GetRequiredService<ConnectorSettings>().Find("toulouse")!.Context;
        var registry = app.Services.GetRequiredService<IAcademyRegistry>();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => configured.ITop.ListOperationsAsync());
        Assert.Contains("IAcademyRegistry", refused.Message);
        var connected = registry.Find("toulouse")!;
        Assert.Same(connected, registry.All.Single(academy => academy.Id == "toulouse"));
        Assert.Equal((configured.DisplayName, configured.TimeZone, configured.Lifecycle.Name), (connected.DisplayName, connected.TimeZone, connected.Lifecycle.Name));
        Assert.NotEmpty(await connected.ITop.ListOperationsAsync());
    }
}
