namespace Amigo.Connector.Host.Hosting;

/// <summary>
/// Plugins loaded before the host is built (the CLI needs their commands to parse the command line): the catalog and
/// the services they registered, handed to <see cref="ConnectorServiceCollectionExtensions.AddConnectorPlugins"/> so
/// each plugin assembly is loaded once per process.
/// </summary>
internal sealed record PluginPreload(PluginCatalog Catalog, IReadOnlyList<ServiceDescriptor> Services)
{
    /// <summary>
    /// Loads the plugins the way the host would with <paramref name="options"/>, reading only what that needs (the
    /// configuration file when it exists, the environment, <see cref="ConnectorHostOptions.Configuration"/>); nothing
    /// is validated here.
    /// </summary>
    public static PluginPreload Load(ConnectorHostOptions options)
    {
        var builder = new ConfigurationBuilder();
        var baseDirectory = Directory.GetCurrentDirectory();
        if (options.ConfigFile is { } file && File.Exists(Path.GetFullPath(file)))
        {
            var path = Path.GetFullPath(file);
            baseDirectory = Path.GetDirectoryName(path)!;
            builder.AddJsonFile(path, optional: true, reloadOnChange: false);
        }
        builder.AddEnvironmentVariables();
        if (options.Configuration.Count > 0) builder.AddInMemoryCollection(options.Configuration);
        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or IOException)
        {
            // An unreadable file is reported by the host build, in the action that needs it; plugins load without it.
            configuration = new ConfigurationBuilder().AddInMemoryCollection(options.Configuration).Build();
        }
        // What the host has registered when it loads plugins (its clock): the loader's TryAdd… must see the same.
        var services = new ServiceCollection();
        services.AddSingleton(options.TimeProvider ?? TimeProvider.System);
        var before = new HashSet<ServiceDescriptor>(services, ReferenceEqualityComparer.Instance);
        var catalog = services.AddConnectorPlugins(configuration, options, baseDirectory);
        return new PluginPreload(catalog, services.Where(d => !before.Contains(d) && d.ServiceType != typeof(PluginCatalog)).ToList());
    }
}
