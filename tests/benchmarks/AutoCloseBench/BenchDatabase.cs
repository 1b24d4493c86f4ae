namespace AutoCloseBench;

/// <summary>A throw-away migrated database on AMIGO_PG, or on the private cluster of scripts/ensure-postgres.sh.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private BenchDatabase(string admin, string name, NpgsqlDataSource dataSource)
    {
        (_admin, Name, DataSource) = (admin, name, dataSource);
    }

    public string Name { get; }
    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable("AMIGO_PG") is { Length: > 0 } given ? given : await EnsurePostgresAsync();
        var name = $"amigo_autoclose_bench_{Environment.ProcessId}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name}; ", connection);
            await create.ExecuteNonQueryAsync();
            create.CommandText = $"CREATE DATABASE {name}";
            await create.ExecuteNonQueryAsync();
        }
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
        await new MigrationRunner(dataSource).MigrateAsync();
        return new BenchDatabase(admin, name, dataSource);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> EnsurePostgresAsync()
    {
        var root = typeof(BenchDatabase).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "AmigoRepositoryRoot").Value!;
        var script = Path.Combine(root, "scripts", "ensure-postgres.sh");
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} failed (exit {process.ExitCode}); set AMIGO_PG to a PostgreSQL server where CREATE DATABASE is allowed.");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Trim();
    }
}
