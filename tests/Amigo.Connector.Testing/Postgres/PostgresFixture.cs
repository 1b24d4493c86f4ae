namespace Amigo.Connector.Testing.Postgres;

/// <summary>
/// xunit fixture giving each instance a fresh, uniquely named database migrated with the connector migrations.
/// Uses <c>AMIGO_PG</c> when set, otherwise the machine's private cluster (see <see cref="PostgresServer"/>).
/// Never skips: fails with a message saying how to get a database. Databases are dropped on dispose
/// (kept when <c>AMIGO_PG_KEEP=1</c>, for debugging).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string Prefix = "amigo_test_";
    private static int _sweptOld;
    private readonly List<string> _databases = [];
    private string? _adminConnectionString;
    private NpgsqlDataSource? _dataSource;
    private string? _connectionString;

    /// <summary>Connection string of this fixture's own database (migrated).</summary>
    public string ConnectionString => _connectionString ?? throw NotInitialised();

    /// <summary>Pooled data source on <see cref="ConnectionString"/>.</summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw NotInitialised();

    /// <summary>Name of this fixture's database.</summary>
    public string DatabaseName => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _adminConnectionString = await PostgresServer.GetAdminConnectionStringAsync();
        await SweepAbandonedDatabasesAsync();
        _connectionString = await CreateDatabaseAsync();
        _dataSource = NpgsqlDataSource.Create(_connectionString);
    }

    /// <summary>Creates another fresh database (dropped with the fixture); migrated unless <paramref name="migrate"/> is false. Returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(bool migrate = true)
    {
        var admin = _adminConnectionString ?? await PostgresServer.GetAdminConnectionStringAsync();
        var name = Prefix + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..10];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            try
            {
                await create.ExecuteNonQueryAsync();
            }
            catch (PostgresException ex)
            {
                throw new InvalidOperationException($"Cannot create a test database on the PostgreSQL server: {ex.MessageText}. {PostgresServer.Help}", ex);
            }
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        if (migrate)
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await new MigrationRunner(dataSource).MigrateAsync();
        }

        return connectionString;
    }

    /// <summary>
    /// Applies the migrations embedded in the plugins' assemblies (their <c>Migrations/NNNN_name.sql</c>) to this
    /// fixture's database, as the host's runner does at start-up for the plugins it loaded.
    /// </summary>
    public Task MigratePluginsAsync(params IConnectorPlugin[] plugins) => MigratePluginsAsync(ConnectionString, plugins);

    /// <summary>Applies the connector's and the plugins' migrations to the database of <paramref name="connectionString"/>.</summary>
    public static async Task MigratePluginsAsync(string connectionString, params IConnectorPlugin[] plugins)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new MigrationRunner(dataSource, plugins: plugins.Select(PluginMigrations.Of)).MigrateAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_adminConnectionString is null || Environment.GetEnvironmentVariable("AMIGO_PG_KEEP") == "1")
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            // DROP DATABASE waits for a checkpoint of the whole server: on a server shared by busy test runs that
            // takes longer than Npgsql's default 30 s.
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection) { CommandTimeout = 300 };
            await drop.ExecuteNonQueryAsync();
        }
    }

    // Test runs killed before dispose leave databases behind; drop the ones older than a day, once per process.
    private async Task SweepAbandonedDatabasesAsync()
    {
        if (Interlocked.Exchange(ref _sweptOld, 1) == 1)
        {
            return;
        }

        try
        {
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            var old = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'amigo\\_test\\_%'", connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var name = reader.GetString(0);
                    if (DateTime.TryParseExact(name.AsSpan(Prefix.Length, 14), "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created)
                        && created < DateTime.UtcNow.AddDays(-1))
                    {
                        old.Add(name);
                    }
                }
            }

            foreach (var name in old)
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
        catch (PostgresException)
        {
            // Best effort: another run may be dropping the same databases.
        }
    }

    private static InvalidOperationException NotInitialised() =>
        new("PostgresFixture is not initialised yet (use it as an xunit IClassFixture/ICollectionFixture). " + PostgresServer.Help);
}
