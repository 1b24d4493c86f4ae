namespace Amigo.Plugins.ArenaSso;

/// <summary>
/// The ARENA single sign-on bridge: staff arriving from ARENA's reverse proxy get an iTop Person and external
/// login provisioned from the identity headers, then land in the iTop portal signed in.
/// </summary>
public sealed class ArenaSsoPlugin : IConnectorPlugin
{
    /// <summary>The plugin id.</summary>
    public const string PluginId = "arena";

    /// <inheritdoc />
    public string Id => PluginId;

    /// <inheritdoc />
    public string Description => "ARENA single sign-on bridge: provisions iTop persons and external logins from ARENA's identity headers.";

    /// <inheritdoc />
    public Type? SettingsType => typeof(ArenaSsoSettings);

    /// <inheritdoc />
    public IReadOnlyList<PluginJobDefinition> Jobs => [];

    /// <inheritdoc />
    public PluginEndpointAccess EndpointAccess => PluginEndpointAccess.PluginAuthenticated;

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddHttpForwarder();
        // ARENA proxies may send names as Latin-1 bytes: decode them instead of Kestrel's bare 400 (UTF-8 stays UTF-8).
        services.Configure<KestrelServerOptions>(options =>
        {
            var previous = options.RequestHeaderEncodingSelector;
            options.RequestHeaderEncodingSelector = name => previous(name) ?? Utf8OrLatin1Encoding.Instance;
        });
        services.AddSingleton<IPluginPreflight, ArenaPreflight>();
        services.TryAddSingleton<ProvisioningCache>();
        services.TryAddSingleton<IdentityLocks>();
        services.TryAddSingleton<ArenaAcademyRuntimes>();
        services.TryAddSingleton<ArenaProvisioner>();
        services.TryAddScoped<ArenaRequestGate>();
        services.AddHostedService<ArenaPortalStartupCheck>();
        // Across hosts when the connector has its database; a lone host without one still serialises in process.
        services.TryAddSingleton<IClusterIdentityLock>(provider =>
            provider.GetService<IConnectorDatabase>() is { } database
                ? new PostgresIdentityLock(database)
                : new NoClusterIdentityLock());
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder academyGroup) => ArenaEndpoints.Map(academyGroup);

    /// <inheritdoc />
    public IEnumerable<Command> CreateCommands(IServiceProvider services) => [];
}
