namespace Amigo.Connector.Host.Hosting;

/// <summary>The host's registrations, one per concern.</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>Everything the host needs; throws <see cref="ConnectorConfigurationException"/> when the configuration cannot work.</summary>
    public static ConnectorSettings AddConnectorHost(this IServiceCollection services, IConfiguration configuration, ConnectorHostOptions options, string baseDirectory)
    {
        // PluginPreload (the CLI loads plugins before building the host) registers this clock first too: keep them alike.
        services.AddSingleton(options.TimeProvider ?? TimeProvider.System);
        // Registered before the plugins' own hosted services, so the database is migrated before they start.
        services.AddHostedService<ConnectorStartup>();
        var catalog = services.AddConnectorPlugins(configuration, options, baseDirectory);
        var settings = services.AddConnectorSettings(configuration, catalog, baseDirectory);
        services.AddConnectorData(settings.Options.Database.ConnectionString!);
        services.AddConnectorSync();
        services.AddConnectorAcademies();
        services.AddConnectorJobs(settings, options);
        services.AddConnectorApi();
        services.AddConnectorPreflight(settings, options);
        return settings;
    }

    /// <summary>Loads the plugins (folder and explicit assemblies) and lets each register its services.</summary>
    public static PluginCatalog AddConnectorPlugins(this IServiceCollection services, IConfiguration configuration, ConnectorHostOptions options, string baseDirectory)
    {
        if (options.Plugins is { } preloaded)
        {
            foreach (var descriptor in preloaded.Services) services.Add(descriptor);
            services.AddSingleton(preloaded.Catalog);
            return preloaded.Catalog;
        }
        var configured = configuration[$"{AmigoOptions.SectionName}:PluginsPath"];
        var folder = !options.ScanPluginsFolder ? null
            : string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, "plugins")
            : Path.GetFullPath(configured, baseDirectory);
        var catalog = PluginLoader.Load(services, configuration, folder, options.PluginAssemblies);
        services.AddSingleton(catalog);
        return catalog;
    }

    /// <summary>Binds and validates the <c>Amigo</c> section (throws with every problem found).</summary>
    public static ConnectorSettings AddConnectorSettings(this IServiceCollection services, IConfiguration configuration, PluginCatalog catalog, string baseDirectory)
    {
        var warnings = new List<string>();
        var configuredPath = configuration[$"{AmigoOptions.SectionName}:PluginsPath"];
        if (!string.IsNullOrWhiteSpace(configuredPath) && !Directory.Exists(Path.GetFullPath(configuredPath, baseDirectory)))
            throw new ConnectorConfigurationException([$"Amigo:PluginsPath '{configuredPath}' does not exist (looked for {Path.GetFullPath(configuredPath, baseDirectory)})."]);
        var hostJobs = new List<JobDescriptor>
        {
            FromDefinition(SyncServiceCollectionExtensions.JobDefinition(configuration[SyncOptions.Section + ":Schedule"] ?? "*/5 * * * *")),
        };
        var settings = ConnectorSettingsBuilder.Build(configuration, catalog, hostJobs, baseDirectory, warnings);
        services.AddSingleton<ITopClientFactory>();
        services.AddSingleton(settings);
        services.AddSingleton(new StartupWarnings(warnings));
        services.AddOptions<AmigoOptions>().Bind(configuration.GetSection(AmigoOptions.SectionName));
        return settings;
    }

    /// <summary>The academy registry (<see cref="IAcademyRegistry"/>) and the request's academy (<see cref="IAcademyAccessor"/>).</summary>
    public static IServiceCollection AddConnectorAcademies(this IServiceCollection services)
    {
        services.AddSingleton<PluginSwitchCache>();
        services.AddHostedService<PluginSwitchListener>();
        services.AddSingleton<AcademyRegistry>();
        services.AddSingleton<IAcademyRegistry>(sp => sp.GetRequiredService<AcademyRegistry>());
        services.AddHttpContextAccessor();
        services.AddScoped<IAcademyAccessor, HttpAcademyAccessor>();
        services.AddSingleton(sp => sp.GetRequiredService<ConnectorSettings>().Departements);
        return services;
    }

    /// <summary>The job runner, its shutdown drain, and (when enabled) the scheduler.</summary>
    public static IServiceCollection AddConnectorJobs(this IServiceCollection services, ConnectorSettings settings, ConnectorHostOptions options)
    {
        services.AddSingleton(new HostIdentity(options.HostName ?? Environment.MachineName));
        services.AddSingleton<JobRunner>();
        services.AddSingleton<Contracts.Jobs.IPluginJobInvoker, PluginJobInvoker>();
        services.AddSingleton<Contracts.Faults.IFaultPoints, Contracts.Faults.EnvironmentFaultPoints>();
        // Hosted services stop in reverse order: the scheduler stops first, then running jobs are drained.
        services.AddHostedService<JobRunnerShutdown>();
        if (options.RunScheduler ?? settings.Options.Scheduler.Enabled)
        {
            services.AddSingleton<JobScheduler>();
            services.AddHostedService(sp => sp.GetRequiredService<JobScheduler>());
        }
        services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.Options.Scheduler.ShutdownTimeout + TimeSpan.FromSeconds(15));
        return services;
    }

    /// <summary>The preflight (<c>amigo check</c>) and, when the host runs it at start, its background service.</summary>
    public static IServiceCollection AddConnectorPreflight(this IServiceCollection services, ConnectorSettings settings, ConnectorHostOptions options)
    {
        services.AddSingleton<Check.AcademyCheck>();
        services.AddSingleton<Check.PreflightResults>();
        if (options.RunPreflight ?? options.RunScheduler ?? settings.Options.Scheduler.Enabled) services.AddHostedService<Check.PreflightService>();
        return services;
    }

    /// <summary>OpenAPI and problem details for the HTTP API.</summary>
    public static IServiceCollection AddConnectorApi(this IServiceCollection services)
    {
        services.AddOpenApi();
        services.AddProblemDetails();
        return services;
    }

    private static JobDescriptor FromDefinition(Contracts.Jobs.PluginJobDefinition definition) =>
        new(definition.Name, null, definition.Description, definition.DefaultSchedule, definition.JobType);
}
