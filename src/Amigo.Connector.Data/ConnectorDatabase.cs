namespace Amigo.Connector.Data;

/// <summary>The connector's PostgreSQL database: one pooled data source shared by the host, the sync and the plugins.</summary>
public sealed class ConnectorDatabase : IConnectorDatabase, IAsyncDisposable, IDisposable
{
    private readonly bool _ownsDataSource;

    /// <summary>Wraps an existing data source (not disposed with this object).</summary>
    public ConnectorDatabase(NpgsqlDataSource dataSource)
    {
        DataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
    }

    /// <summary>Creates a data source for <paramref name="connectionString"/> (disposed with this object).</summary>
    public ConnectorDatabase(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The connector database connection string is empty (setting Amigo:Database:ConnectionString).", nameof(connectionString));
        }

        DataSource = NpgsqlDataSource.Create(connectionString);
        _ownsDataSource = true;
    }

    /// <inheritdoc />
    public NpgsqlDataSource DataSource { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _ownsDataSource ? DataSource.DisposeAsync() : ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsDataSource)
        {
            DataSource.Dispose();
        }
    }
}
