namespace Amigo.Connector.Host.Plugins;

/// <summary>The plugins the host found at start-up, and those it had to skip.</summary>
public sealed class PluginCatalog
{
    internal PluginCatalog(IReadOnlyList<LoadedPlugin> plugins, IReadOnlyList<PluginFailure> failures)
    {
        Plugins = plugins;
        Failures = failures;
    }

    /// <summary>Plugins that loaded and configured their services, by id order of discovery.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins { get; }

    /// <summary>Plugins (or plugin assemblies) that failed to load, instantiate or configure and were skipped.</summary>
    public IReadOnlyList<PluginFailure> Failures { get; }

    /// <summary>The plugin with this id, or null.</summary>
    public LoadedPlugin? Find(string pluginId) =>
        Plugins.FirstOrDefault(p => string.Equals(p.Plugin.Id, pluginId, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A plugin in service.</summary>
/// <param name="Plugin">The plugin instance.</param>
/// <param name="Assembly">The assembly it came from.</param>
/// <param name="Source">Where the assembly came from: a file path, or <c>explicit</c>.</param>
public sealed record LoadedPlugin(IConnectorPlugin Plugin, Assembly Assembly, string Source)
{
    /// <summary>The plugin id.</summary>
    public string Id => Plugin.Id;
}

/// <summary>A plugin skipped at start-up.</summary>
/// <param name="Source">Assembly path or type name.</param>
/// <param name="PluginId">The plugin id when it got that far.</param>
/// <param name="Stage"><c>load</c>, <c>instantiate</c>, <c>validate</c> or <c>configure</c>.</param>
/// <param name="Error">What went wrong.</param>
public sealed record PluginFailure(string Source, string? PluginId, string Stage, string Error);
