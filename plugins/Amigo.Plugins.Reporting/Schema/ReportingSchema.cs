using Amigo.Connector.Contracts.Plugins;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Amigo.Plugins.Reporting.Schema;

/// <summary>
/// Applies the embedded <c>reporting.sql</c> (indexes, materialized views, report functions and views) once per
/// process, before the first report runs. The script is idempotent and runs under a transaction-scoped advisory lock
/// so several hosts starting together do not race.
/// </summary>
public sealed class ReportingSchema(IConnectorDatabase database, ILogger<ReportingSchema> logger)
{
    private const string ResourceName = "Amigo.Plugins.Reporting.Schema.reporting.sql";
    private const long AdvisoryLockKey = 0x616D69676F_7270; // "amigo" + "rp"
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _applied;

    /// <summary>The SQL script shipped in the plugin.</summary>
    public static string Script { get; } = ReadScript();

    /// <summary>Applies the script unless this process already did.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_applied)
            return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_applied)
                return;
            await ApplyAsync(database.DataSource, cancellationToken);
            _applied = true;
            logger.LogInformation("Reporting views and indexes are in place");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies the script to a database (idempotent).</summary>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        // Building the materialized views over a million tickets the first time takes seconds.
        await using (var command = new NpgsqlCommand(Script, connection, transaction) { CommandTimeout = 600 })
            await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string ReadScript()
    {
        using var stream = typeof(ReportingSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the reporting plugin.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
