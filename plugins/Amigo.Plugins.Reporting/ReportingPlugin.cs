namespace Amigo.Plugins.Reporting;

/// <summary>Reporting dashboards, SQL views, JSON/CSV endpoints and CLI fed from the connector database.</summary>
public sealed class ReportingPlugin : IConnectorPlugin
{
    /// <summary>The plugin id.</summary>
    public const string PluginId = "reporting";

    /// <inheritdoc />
    public string Id => PluginId;

    /// <inheritdoc />
    public string Description => "Reports and French dashboards (per team, agent, type, tab, UAI, service, age, week, delays, moves) from the synced data";

    /// <inheritdoc />
    public Type? SettingsType => null;

    /// <inheritdoc />
    public IReadOnlyList<PluginJobDefinition> Jobs { get; } =
    [
        new("refresh", "Refreshes the reporting materialized views (weekly flow, portal tabs, resolution delays)", "*/10 * * * *", typeof(RefreshReportsJob)),
    ];

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<MaterializedViewRefresher>();
        services.AddSingleton<ReportRunner>();
        // Built-in reports plus every ContributedReport other plugins registered (the container gathers them).
        services.AddSingleton<ReportCatalog>();
        services.AddHostedService<ReportCatalogStartupCheck>();
        services.AddTransient<RefreshReportsJob>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder academyGroup) => ReportingEndpoints.Map(academyGroup);

    /// <inheritdoc />
    public IEnumerable<Command> CreateCommands(IServiceProvider services) => [ReportCommand.Create(services)];
}
