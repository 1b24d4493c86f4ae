using Amigo.Plugins.Reporting.Reports;
using Amigo.Plugins.Reporting.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Amigo.Plugins.Reporting.Tests.Support;

/// <summary>A migrated database holding <see cref="KnownDataSet"/>, with the plugin's services wired to it.</summary>
public sealed class ReportingDataFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public ServiceProvider Services { get; private set; } = null!;

    public ReportRunner Runner => Services.GetRequiredService<ReportRunner>();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabaseServer.CreateMigratedDatabaseAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await KnownDataSet.SeedAsync(DataSource);
        Services = BuildServices(DataSource);
        await Services.GetRequiredService<MaterializedViewRefresher>().RefreshAsync(TimeSpan.Zero, CancellationToken.None);
    }

    public static ServiceProvider BuildServices(NpgsqlDataSource dataSource)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<Amigo.Connector.Contracts.Plugins.IConnectorDatabase>(new TestConnectorDatabase(dataSource));
        new ReportingPlugin().ConfigureServices(services);
        return services.BuildServiceProvider();
    }

    public async Task<ReportResult> RunAsync(string report, ReportFilter filter) =>
        await Runner.RunAsync(ReportCatalog.Find(report)!, filter, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
