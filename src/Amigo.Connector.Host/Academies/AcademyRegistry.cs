namespace Amigo.Connector.Host.Academies;

/// <summary>
/// The academies of the validated configuration. A plugin is enabled for an academy when the database holds a
/// switch saying so (set by <c>amigo plugins enable|disable</c> or the HTTP API), else when the configuration says so:
/// the database switch wins. This is the one enabled check; it answers from <see cref="PluginSwitchCache"/>.
/// </summary>
public sealed class AcademyRegistry(ConnectorSettings settings, PluginCatalog catalog, PluginSwitchStore switches, PluginSwitchCache cache,
    ITopClientFactory clients) : IAcademyRegistry, IDisposable
{
    /// <inheritdoc />
    public IReadOnlyList<AcademyContext> All { get; } = settings.Academies.Select(a => a.Context.WithITop(clients.Create(a.ITop))).ToList();

    /// <inheritdoc />
    public AcademyContext? Find(string academyId) =>
        settings.Find(academyId) is { } academy ? All.First(context => context.Id == academy.Id) : null;

    /// <inheritdoc />
    public async Task<bool> IsPluginEnabledAsync(string academyId, string pluginId, CancellationToken cancellationToken = default)
    {
        var academy = settings.Find(academyId);
        var plugin = catalog.Find(pluginId);
        if (academy is null || plugin is null) return false;
        var stored = await cache.GetAsync(academy.Id, plugin.Id, cancellationToken);
        return stored ?? academy.PluginsEnabledInConfiguration.Contains(plugin.Id);
    }

    /// <summary>Whether at least one academy enables <paramref name="pluginId"/> (a plugin's hosted services run only then).</summary>
    public async Task<bool> IsPluginEnabledAnywhereAsync(string pluginId, CancellationToken cancellationToken = default)
    {
        foreach (var academy in All)
            if (await IsPluginEnabledAsync(academy.Id, pluginId, cancellationToken)) return true;
        return false;
    }

    /// <summary>The state of every loaded plugin for an academy, saying where the decision comes from.</summary>
    public async Task<IReadOnlyList<PluginState>> GetPluginStatesAsync(string academyId, CancellationToken cancellationToken = default)
    {
        var academy = settings.Find(academyId) ?? throw new ArgumentException($"Unknown academy '{academyId}'.", nameof(academyId));
        var stored = (await switches.ListAsync(academy.Id, cancellationToken)).ToDictionary(s => s.PluginId, StringComparer.OrdinalIgnoreCase);
        return catalog.Plugins.Select(p =>
        {
            var configured = academy.PluginsEnabledInConfiguration.Contains(p.Id);
            return stored.TryGetValue(p.Id, out var change)
                ? new PluginState(p.Id, p.Plugin.Description, change.Enabled, "database", configured, change.ChangedBy, change.ChangedAt)
                : new PluginState(p.Id, p.Plugin.Description, configured, "configuration", configured, null, null);
        }).ToList();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var academy in All) (academy.ITop as IDisposable)?.Dispose();
    }
}

/// <summary>Whether a plugin is enabled for an academy and why.</summary>
/// <param name="PluginId">Plugin id.</param>
/// <param name="Description">What the plugin does.</param>
/// <param name="Enabled">The effective state.</param>
/// <param name="Source"><c>database</c> (a run-time switch, which wins) or <c>configuration</c>.</param>
/// <param name="EnabledInConfiguration">What the configuration file says.</param>
/// <param name="ChangedBy">Author of the run-time switch.</param>
/// <param name="ChangedAt">Time of the run-time switch.</param>
public sealed record PluginState(string PluginId, string Description, bool Enabled, string Source, bool EnabledInConfiguration, string? ChangedBy, DateTimeOffset? ChangedAt);
