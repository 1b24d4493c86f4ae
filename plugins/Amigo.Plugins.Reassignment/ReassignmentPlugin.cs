namespace Amigo.Plugins.Reassignment;

/// <summary>
/// Cross-academy reassignment: tickets dispatched to the wrong team go to the right one (e.g. "DSI Plateforme
/// Assistance TLS" / "DSI Plateforme Assistance MPL"), in place or by transfer to another academy's iTop.
/// </summary>
public sealed class ReassignmentPlugin : IConnectorPlugin
{
    /// <summary>The plugin id (configuration, CLI, URLs) and its job name.</summary>
    public const string PluginId = "reassign";

    /// <summary>Configuration section of the admin's département → academy overrides.</summary>
    public const string DepartementsSection = "Amigo:Departements";

    /// <inheritdoc />
    public string Id => PluginId;

    /// <inheritdoc />
    public string Description => "Re-dispatches tickets sent to the wrong team, in place or by transfer to another academy's iTop.";

    /// <inheritdoc />
    public Type? SettingsType => typeof(ReassignmentSettings);

    /// <inheritdoc />
    public IReadOnlyList<PluginJobDefinition> Jobs { get; } =
    [
        new(PluginId, "Evaluate the reassignment rules on open tickets and move the ones that match.", "*/15 * * * *", typeof(ReassignmentJob)),
    ];

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(provider => new DepartementAcademies(ReadDepartements(provider.GetService<IConfiguration>())));
        services.TryAddSingleton<EstablishmentResolver>();
        services.TryAddSingleton<RuleEvaluator>();
        services.TryAddSingleton<IMoveStore, PostgresMoveStore>();
        services.TryAddSingleton<ICandidateSource, PostgresCandidateSource>();
        services.TryAddScoped<TeamDispatcher>();
        services.TryAddScoped<CrossInstanceTransfer>();
        services.TryAddScoped<ReassignmentRunner>();
        services.TryAddScoped<ReassignmentJob>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder academyGroup) => MovesEndpoints.Map(academyGroup);

    /// <inheritdoc />
    public IEnumerable<Command> CreateCommands(IServiceProvider services) => [ReassignCommand.Create(services)];

    /// <summary>Reads <c>Amigo:Departements</c> (<c>"064": "bordeaux"</c>) from configuration; empty when absent.</summary>
    public static IReadOnlyDictionary<string, string> ReadDepartements(IConfiguration? configuration)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        if (configuration is null) return overrides;
        foreach (var child in configuration.GetSection(DepartementsSection).GetChildren())
        {
            if (string.IsNullOrWhiteSpace(child.Value))
                throw new InvalidOperationException($"{DepartementsSection}:{child.Key} must name an academy id.");
            overrides[child.Key] = child.Value;
        }
        return overrides;
    }
}
