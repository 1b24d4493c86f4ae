namespace Amigo.Connector.Contracts.Plugins;

/// <summary>
/// The connector's PostgreSQL database (already migrated when plugins run). Plugins read the synced
/// tables (<c>tickets</c>, <c>catalogue_entries</c>, …; see <c>src/Amigo.Connector.Data/Migrations</c>) and may keep
/// their own tables, created by their own migrations: <c>Migrations/NNNN_name.sql</c> files embedded in the plugin's
/// assembly, applied by the host's migration runner after the connector's (never created at run time).
/// </summary>
public interface IConnectorDatabase
{
    /// <summary>The pooled data source.</summary>
    NpgsqlDataSource DataSource { get; }
}
