namespace Amigo.Plugins.AutoClose;

/// <summary>Closes resolved requests automatically once the academy's delay has passed.</summary>
public sealed class AutoClosePlugin : IConnectorPlugin
{
    /// <summary>Plugin id (configuration, CLI, URLs, audit actor).</summary>
    public const string PluginId = "autoclose";

    /// <summary>Default schedule: every hour at minute 17 (academy time zone), off the busy top of the hour.</summary>
    public const string DefaultSchedule = "17 * * * *";

    /// <inheritdoc />
    public string Id => PluginId;

    /// <inheritdoc />
    public string Description => "Closes resolved requests automatically after the academy's delay (calendar or working days), with a note to the requester.";

    /// <inheritdoc />
    public Type? SettingsType => typeof(AutoCloseSettings);

    /// <inheritdoc />
    public IReadOnlyList<PluginJobDefinition> Jobs { get; } =
    [
        new(PluginId, "Close resolved requests whose delay has passed; remind requesters before when configured.", DefaultSchedule, typeof(AutoCloseJob)),
    ];

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton<IAutoCloseStore, PostgresAutoCloseStore>();
        services.TryAddTransient<AutoCloseJob>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder academyGroup) => DecisionsEndpoint.Map(academyGroup);

    /// <inheritdoc />
    public IEnumerable<Command> CreateCommands(IServiceProvider services) => [AutoCloseCommand.Create(services)];
}
