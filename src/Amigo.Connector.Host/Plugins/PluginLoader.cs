namespace Amigo.Connector.Host.Plugins;

/// <summary>
/// Finds plugins (Scrutor scan for <see cref="IConnectorPlugin"/>) in the plugins folder and in explicitly given
/// assemblies, instantiates them and lets each register its services. A plugin failing at any stage is recorded in
/// <see cref="PluginCatalog.Failures"/> and skipped; the others are kept.
/// </summary>
internal static partial class PluginLoader
{
    /// <summary>Segments the host uses under <c>/api/academies/{academy}/</c>; a plugin cannot take them.</summary>
    private static readonly HashSet<string> ReservedIds = new(StringComparer.OrdinalIgnoreCase) { "plugins", "jobs", "sync", "health" };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    public static PluginCatalog Load(IServiceCollection services, IConfiguration configuration, string? pluginsFolder, IEnumerable<Assembly> explicitAssemblies)
    {
        var failures = new List<PluginFailure>();
        var sources = new List<(Assembly Assembly, string Source)>();
        if (pluginsFolder is not null) sources.AddRange(LoadFolder(pluginsFolder, failures));
        sources.AddRange(explicitAssemblies.Distinct().Select(a => (a, "explicit")));

        var plugins = new List<LoadedPlugin>();
        using var bootstrap = new ServiceCollection().AddSingleton(configuration).BuildServiceProvider();
        foreach (var (assembly, source) in sources)
        {
            IReadOnlyList<Type> types;
            try
            {
                types = FindPluginTypes(assembly);
            }
            catch (Exception exception) when (exception is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
            {
                failures.Add(new PluginFailure(source, null, "load", Describe(exception)));
                continue;
            }
            foreach (var type in types)
            {
                var loaded = TryCreate(type, assembly, source, bootstrap, services, plugins, failures);
                if (loaded is not null) plugins.Add(loaded);
            }
        }
        return new PluginCatalog(plugins, failures);
    }

    private static IReadOnlyList<Type> FindPluginTypes(Assembly assembly)
    {
        var scan = new ServiceCollection();
        scan.Scan(selector => selector
            .FromAssemblies(assembly)
            .AddClasses(classes => classes.AssignableTo<IConnectorPlugin>(), publicOnly: true)
            .AsSelf()
            .WithSingletonLifetime());
        return scan.Select(d => d.ServiceType).Distinct().ToList();
    }

    private static LoadedPlugin? TryCreate(Type type, Assembly assembly, string source, IServiceProvider bootstrap,
        IServiceCollection services, List<LoadedPlugin> plugins, List<PluginFailure> failures)
    {
        IConnectorPlugin plugin;
        try
        {
            plugin = (IConnectorPlugin)ActivatorUtilities.CreateInstance(bootstrap, type);
        }
        catch (Exception exception)
        {
            failures.Add(new PluginFailure($"{source} ({type.FullName})", null, "instantiate", Describe(exception)));
            return null;
        }

        string id;
        try
        {
            id = plugin.Id;
        }
        catch (Exception exception)
        {
            failures.Add(new PluginFailure($"{source} ({type.FullName})", null, "validate", Describe(exception)));
            return null;
        }
        var problem = id is null || !IdPattern().IsMatch(id) ? $"plugin id '{id}' must be lower case letters, digits and hyphens"
            : ReservedIds.Contains(id) ? $"plugin id '{id}' is reserved by the host"
            : plugins.Any(p => p.Id == id) ? $"plugin id '{id}' is already taken by {plugins.First(p => p.Id == id).Plugin.GetType().FullName}"
            : null;
        if (problem is not null)
        {
            failures.Add(new PluginFailure($"{source} ({type.FullName})", id, "validate", problem));
            return null;
        }

        // Its schema: the migrations embedded in its assembly, applied by the host's runner under the plugin id. An
        // assembly holding several plugins has its migrations applied once, under the first plugin's id.
        PluginMigrations? migrations = null;
        if (!plugins.Any(p => p.Assembly == assembly))
        {
            try
            {
                migrations = PluginMigrations.FromAssembly(id!, assembly);
            }
            catch (InvalidOperationException exception)
            {
                failures.Add(new PluginFailure($"{source} ({type.FullName})", id, "validate", exception.Message));
                return null;
            }
        }

        // Registered on a copy of the host's collection: TryAdd… sees what is already there (the host's clock above
        // all), and a plugin that throws half-way or breaks a rule leaves nothing behind.
        var existing = new HashSet<ServiceDescriptor>(services, ReferenceEqualityComparer.Instance);
        IServiceCollection trial = new ServiceCollection();
        foreach (var descriptor in services) trial.Add(descriptor);
        List<ServiceDescriptor> added;
        try
        {
            plugin.ConfigureServices(trial);
            _ = plugin.Jobs.Count;
            added = trial.Where(descriptor => !existing.Contains(descriptor)).ToList();
        }
        catch (Exception exception)
        {
            failures.Add(new PluginFailure($"{source} ({type.FullName})", id, "configure", Describe(exception)));
            return null;
        }
        if (added.Any(descriptor => descriptor.ServiceType == typeof(TimeProvider)))
        {
            failures.Add(new PluginFailure($"{source} ({type.FullName})", id, "configure",
                "the plugin registers a TimeProvider; the host's clock is the only clock (take it from the container)"));
            return null;
        }
        foreach (var descriptor in added)
        {
            // A plugin's background work runs only where an academy uses the plugin.
            services.Add(descriptor.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService) && !descriptor.IsKeyedService
                ? ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService>(sp => new PluginHostedService(id!, descriptor, sp))
                : descriptor);
        }
        if (migrations is { Migrations.Count: > 0 }) services.AddSingleton(migrations);
        foreach (var job in plugin.Jobs) services.AddScoped(job.JobType);
        services.AddSingleton(plugin);
        return new LoadedPlugin(plugin, assembly, source);
    }

    private static IEnumerable<(Assembly, string)> LoadFolder(string folder, List<PluginFailure> failures)
    {
        if (!Directory.Exists(folder)) yield break;
        foreach (var pluginFolder in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var candidates = Directory.EnumerateFiles(pluginFolder, "*.dll").Order(StringComparer.Ordinal).ToList();
            var main = candidates.FirstOrDefault(p => Path.GetFileNameWithoutExtension(p) == Path.GetFileName(pluginFolder)) ?? candidates.FirstOrDefault();
            if (main is null) continue;
            var context = new PluginLoadContext(main);
            foreach (var path in candidates)
            {
                Assembly? assembly = null;
                try
                {
                    var name = AssemblyName.GetAssemblyName(path);
                    if (IsHostAssembly(name)) continue;
                    assembly = context.LoadFromAssemblyPath(path);
                }
                catch (BadImageFormatException)
                {
                    continue; // a native library shipped with the plugin
                }
                catch (Exception exception) when (exception is FileLoadException or FileNotFoundException or IOException)
                {
                    failures.Add(new PluginFailure(path, null, "load", Describe(exception)));
                }
                if (assembly is not null) yield return (assembly, path);
            }
        }
    }

    private static bool IsHostAssembly(AssemblyName name)
    {
        try
        {
            System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyName(name);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    private static string Describe(Exception exception) => exception switch
    {
        ReflectionTypeLoadException typeLoad => string.Join("; ", typeLoad.LoaderExceptions.Where(e => e is not null).Select(e => e!.Message).Distinct()),
        TargetInvocationException { InnerException: { } inner } => Describe(inner),
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };
}
