using System.Text.Json;
using Amigo.Connector.Contracts.Audit;
using Npgsql;
using NpgsqlTypes;

namespace Amigo.Plugins.ArenaSso.Tests.Support;

/// <summary>
/// Writes audit entries into the connector schema's <c>audit_log</c> table. A test stand-in until the data layer
/// ships its own <see cref="IAuditLog"/>: it proves the bridge's entries fit the table the reports read.
/// </summary>
internal sealed class PostgresAuditLog(NpgsqlDataSource dataSource) : IAuditLog
{
    public async Task<long> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO audit_log (academy_id, actor, action, itop_class, itop_key, ticket_ref, outcome, reason,
                                   before_state, after_state, itop_code, itop_message, idempotency_key, job_run_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id
            """);
        object Value(object? value) => value ?? DBNull.Value;
        command.Parameters.Add(new NpgsqlParameter { Value = entry.AcademyId });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Actor });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Action });
        command.Parameters.Add(new NpgsqlParameter { Value = Value(entry.ITopClass), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Value(entry.ITopKey), NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = Value(entry.TicketRef), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = entry.Outcome });
        command.Parameters.Add(new NpgsqlParameter { Value = Value(entry.Reason), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Value(entry.Before is null ? null : JsonSerializer.Serialize(entry.Before)), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = Value(entry.After is null ? null : JsonSerializer.Serialize(entry.After)), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = Value(entry.ITopCode), NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = Value(entry.ITopMessage), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Value(entry.IdempotencyKey), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Value(entry.JobRunId), NpgsqlDbType = NpgsqlDbType.Bigint });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<AuditRecord>> RecentAsync(string academyId, string? actor, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, at, action, itop_class, itop_key, outcome, reason, after_state::text FROM audit_log WHERE academy_id = $1 AND ($2::text IS NULL OR actor = $2) ORDER BY id DESC LIMIT $3");
        command.Parameters.Add(new NpgsqlParameter { Value = academyId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)actor ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var records = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            records.Add(new AuditRecord(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1),
                new AuditEntry(academyId, actor ?? "", reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetInt64(4), null, reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6))
                { After = reader.IsDBNull(7) ? null : reader.GetString(7) }));
        return records;
    }

    public Task<AuditRecord?> FindByIdempotencyKeyAsync(string academyId, string idempotencyKey, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The ARENA bridge does not use idempotency keys.");
}
