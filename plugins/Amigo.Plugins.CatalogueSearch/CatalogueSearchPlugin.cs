namespace Amigo.Plugins.CatalogueSearch;

/// <summary>
/// Keyword search of the service catalogue (the portal's "Créer un ticket à partir d'un mot clé"): an in-process
/// French-aware index of the synced catalogue, scoped to the user's organization, ranked by field, match kind and usage.
/// </summary>
public sealed class CatalogueSearchPlugin : IConnectorPlugin
{
    /// <inheritdoc />
    public string Id => CatalogueSearchSettings.PluginId;

    /// <inheritdoc />
    public string Description => "Keyword search of the service catalogue (French-aware, typo-tolerant, scoped to the user's organization).";

    /// <inheritdoc />
    public Type? SettingsType => typeof(CatalogueSearchSettings);

    /// <inheritdoc />
    public IReadOnlyList<PluginJobDefinition> Jobs { get; } =
    [
        new("reindex", "Refresh the catalogue search index from the synced catalogue (incremental).", "*/15 * * * *", typeof(CatalogueReindexJob)),
    ];

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton<ICatalogueSource, PostgresCatalogueSource>();
        services.TryAddSingleton<CatalogueIndexStore>();
        services.TryAddSingleton<CatalogueSearchService>();
        services.TryAddTransient<CatalogueReindexJob>();
        services.TryAddSingleton<ICatalogueChoiceStore, PostgresCatalogueChoiceStore>();
        // The requester page is served by an authenticating plugin (the ARENA bridge) under its own path.
        services.AddSingleton<IRequesterPage, CatalogueRequesterPage>();
        services.AddSingleton<IPluginPreflight, PortalKeyPreflight>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder academyGroup) => CatalogueSearchEndpoints.Map(academyGroup);

    /// <inheritdoc />
    public IEnumerable<Command> CreateCommands(IServiceProvider services) => [CatalogueCommands.Create(services)];
}
