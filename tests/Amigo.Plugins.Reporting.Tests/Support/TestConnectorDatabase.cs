using Amigo.Connector.Contracts.Plugins;
using Npgsql;

namespace Amigo.Plugins.Reporting.Tests.Support;

public sealed class TestConnectorDatabase(NpgsqlDataSource dataSource) : IConnectorDatabase
{
    public NpgsqlDataSource DataSource { get; } = dataSource;
}
