using System.Diagnostics;
using Npgsql;

namespace Amigo.Plugins.Reporting.Tests.Support;

/// <summary>
/// A fresh, migrated database per caller: on the server named by AMIGO_PG, else on the private test cluster
/// started by scripts/ensure-postgres.sh. Fails with a clear message when neither is available (never skips).
/// </summary>
public static class TestDatabaseServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _serverConnectionString;

    public static async Task<string> CreateMigratedDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var server = await ServerConnectionStringAsync(cancellationToken);
        var name = "amigo_reporting_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var migrate = new NpgsqlCommand(await File.ReadAllTextAsync(RepositoryPaths.InitialMigration, cancellationToken), connection);
        await migrate.ExecuteNonQueryAsync(cancellationToken);
        return connectionString;
    }

    private static async Task<string> ServerConnectionStringAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return _serverConnectionString ??= Environment.GetEnvironmentVariable("AMIGO_PG") is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : await EnsurePostgresAsync(cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> EnsurePostgresAsync(CancellationToken cancellationToken)
    {
        var script = Path.Combine(RepositoryPaths.Root, "scripts", "ensure-postgres.sh");
        if (!File.Exists(script))
            throw new InvalidOperationException($"No PostgreSQL for the reporting tests: set AMIGO_PG or provide {script}.");
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/ensure-postgres.sh failed ({process.ExitCode}): {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
    }
}
