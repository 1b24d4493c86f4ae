using Npgsql;

namespace Amigo.Connector.Contracts.Plugins;

/// <summary>
/// The connector's PostgreSQL database (already migrated when plugins run). Plugins read the synced
/// tables (<c>tickets</c>, <c>catalogue_entries</c>, …; see <c>src/Amigo.Connector.Data/Migrations</c>) and may keep
/// their own tables, created by their own idempotent <c>CREATE TABLE IF NOT EXISTS</c> or shipped as host migrations.
/// </summary>
public interface IConnectorDatabase
{
    /// <summary>The pooled data source.</summary>
    NpgsqlDataSource DataSource { get; }
}
