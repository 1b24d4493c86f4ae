namespace Amigo.Connector.Host.Tests;

/// <summary>The academies' iTop clients log through the host: a retried read leaves its warning in the host's log.</summary>
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
}
