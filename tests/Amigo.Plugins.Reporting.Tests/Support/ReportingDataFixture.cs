namespace Amigo.Plugins.Reporting.Tests.Support;

/// <summary>A migrated database (the shared <see cref="PostgresFixture"/>) holding <see cref="KnownDataSet"/>, with the plugin's services wired to it.</summary>
public sealed class ReportingDataFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public ServiceProvider Services { get; private set; } = null!;

    public ReportRunner Runner => Services.GetRequiredService<ReportRunner>();

    private readonly PostgresFixture _postgres = new();

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        ConnectionString = _postgres.ConnectionString;
        DataSource = _postgres.DataSource;
        await MigrateAsync(DataSource);
        await KnownDataSet.SeedAsync(DataSource);
        Services = BuildServices(DataSource);
        await Services.GetRequiredService<MaterializedViewRefresher>().RefreshAsync(TimeSpan.Zero, CancellationToken.None);
    }

    /// <summary>The plugin's migrations (what the host's runner applies), in order.</summary>
    public static IReadOnlyList<Migration> Migrations { get; } = PluginMigrations.Of(new ReportingPlugin()).Migrations;

    /// <summary>The SQL of every reporting migration, in order.</summary>
    public static string Script { get; } = string.Join("\n", Migrations.Select(m => m.Sql));

    /// <summary>Applies the reporting plugin's migrations, as the host does at start-up, with the data set's clock.</summary>
    public static Task MigrateAsync(NpgsqlDataSource dataSource) =>
        new MigrationRunner(dataSource, plugins: [PluginMigrations.Of(new ReportingPlugin())], clock: new FakeTimeProvider(KnownDataSet.Now)).MigrateAsync();

    public static ServiceProvider BuildServices(NpgsqlDataSource dataSource)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<Amigo.Connector.Contracts.Plugins.IConnectorDatabase>(new ConnectorDatabase(dataSource));
        services.AddSingleton(new FakeTimeProvider(KnownDataSet.Now));
        services.AddSingleton<TimeProvider>(provider => provider.GetRequiredService<FakeTimeProvider>());
        new ReportingPlugin().ConfigureServices(services);
        return services.BuildServiceProvider();
    }

    public async Task<ReportResult> RunAsync(string report, ReportFilter filter) =>
        await Runner.RunAsync(ReportCatalog.Find(report)!, filter, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
