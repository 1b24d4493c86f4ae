namespace Amigo.Connector.Data.Migrations;

/// <summary>
/// The migrations a plugin ships as embedded <c>Migrations/NNNN_name.sql</c> resources, applied by the one
/// <see cref="MigrationRunner"/> after the connector's own and recorded in <c>schema_migrations</c> under the plugin id.
/// </summary>
public sealed record PluginMigrations
{
    /// <summary>The plugin's migrations, numbered by the plugin (its own 0001, 0002, …).</summary>
    public PluginMigrations(string pluginId, IReadOnlyList<Migration> migrations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginId);
        PluginId = pluginId;
        Migrations = migrations.Select(m => m with { Plugin = pluginId }).OrderBy(m => m.Version).ToList();
    }

    /// <summary>The plugin id the migrations are recorded under.</summary>
    public string PluginId { get; }

    /// <summary>The migrations, in version order, each carrying <see cref="PluginId"/>.</summary>
    public IReadOnlyList<Migration> Migrations { get; }

    /// <summary>The migrations embedded in <paramref name="assembly"/>, recorded under <paramref name="pluginId"/>.</summary>
    public static PluginMigrations FromAssembly(string pluginId, Assembly assembly) => new(pluginId, EmbeddedMigrations.FromAssembly(assembly));

    /// <summary>The migrations embedded in the assembly of <paramref name="plugin"/>, recorded under its id.</summary>
    public static PluginMigrations Of(IConnectorPlugin plugin) => FromAssembly(plugin.Id, plugin.GetType().Assembly);
}
