using System.Text.Json;
using Amigo.Connector.Contracts.Plugins;
using Amigo.Plugins.AutoClose.Running;
using NpgsqlTypes;

namespace Amigo.Plugins.AutoClose.Cli;

/// <summary>Records a CLI run in <c>job_runs</c>, like a scheduled run, so its audit entries point to a run.</summary>
internal sealed class CliJobRuns(IConnectorDatabase database, TimeProvider time)
{
    public async Task<long> StartAsync(string academyId, bool dryRun, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            INSERT INTO job_runs (academy_id, job_id, trigger, host_name, dry_run, started_at)
            VALUES (@academy, @job, 'cli', @host, @dry, @at) RETURNING id
            """);
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.AddWithValue("job", AutoClosePlugin.PluginId);
        command.Parameters.AddWithValue("host", Environment.MachineName);
        command.Parameters.AddWithValue("dry", dryRun);
        command.Parameters.AddWithValue("at", time.GetUtcNow());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task EndAsync(long runId, string outcome, AutoCloseReport? report, string? error, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            UPDATE job_runs SET ended_at = @at, outcome = @outcome, counts = @counts, summary = @summary, error = @error WHERE id = @id
            """);
        command.Parameters.AddWithValue("at", time.GetUtcNow());
        command.Parameters.AddWithValue("outcome", outcome);
        command.Parameters.AddWithValue("counts", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(report?.Counts ?? new Dictionary<string, long>()));
        command.Parameters.AddWithValue("summary", (object?)report?.Summary() ?? DBNull.Value);
        command.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("id", runId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
