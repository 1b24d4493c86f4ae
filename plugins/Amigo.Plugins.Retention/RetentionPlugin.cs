namespace Amigo.Plugins.Retention;

/// <summary>
/// Closed tickets past the academy's retention period (default 12 months after closing) lose their personal data in the
/// connector's database; optionally, after a dry run, they are deleted in iTop.
/// </summary>
public sealed class RetentionPlugin : IConnectorPlugin
{
    /// <summary>Plugin id (configuration, CLI, URLs, audit actor).</summary>
    public const string PluginId = "retention";

    /// <summary>Default schedule: every day at 03:41 (academy time zone), away from office hours and the hourly jobs.</summary>
    public const string DefaultSchedule = "41 3 * * *";

    /// <inheritdoc />
    public string Id => PluginId;

    /// <inheritdoc />
    public string Description => "Removes personal data from closed tickets past the retention period (default 12 months); optionally deletes them in iTop after a dry run.";

    /// <inheritdoc />
    public Type? SettingsType => typeof(RetentionSettings);

    /// <inheritdoc />
    public IReadOnlyList<PluginJobDefinition> Jobs { get; } =
    [
        new(PluginId, "Anonymise closed tickets past the retention period; delete them in iTop when enabled and listed by a dry run.", DefaultSchedule, typeof(RetentionJob)),
    ];

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton<RetentionStore>();
        services.TryAddTransient<RetentionJob>();
        services.AddSingleton<IPluginPreflight, DeletionRightPreflight>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder academyGroup) => RetentionEndpoints.Map(academyGroup);

    /// <inheritdoc />
    public IEnumerable<Command> CreateCommands(IServiceProvider services) => [RetentionCommand.Create(services)];
}
