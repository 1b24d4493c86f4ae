namespace Amigo.Connector.Data;

/// <summary>
/// <see cref="IAuditLog"/> on the <c>audit_log</c> table. Before/After are stored as jsonb and read back as
/// <see cref="System.Text.Json.JsonElement"/>. Each entry is stamped with the host's clock, like the decision it records.
/// </summary>
public sealed class PostgresAuditLog(IConnectorDatabase database, TimeProvider time) : IAuditLog
{
    private const string Columns = """
        id, at, academy_id, actor, action, itop_class, itop_key, ticket_ref, outcome, reason,
        before_state::text AS before_state, after_state::text AS after_state, itop_code, itop_message, idempotency_key, job_run_id
        """;

    /// <inheritdoc />
    public async Task<long> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO audit_log (at, academy_id, actor, action, itop_class, itop_key, ticket_ref, outcome, reason,
                                   before_state, after_state, itop_code, itop_message, idempotency_key, job_run_id)
            VALUES (@at, @AcademyId, @Actor, @Action, @ITopClass, @ITopKey, @TicketRef, @Outcome, @Reason,
                    @before::jsonb, @after::jsonb, @ITopCode, @ITopMessage, @IdempotencyKey, @JobRunId)
            RETURNING id
            """,
            new
            {
                at = time.GetUtcNow().ToUniversalTime(), entry.AcademyId, entry.Actor, entry.Action, entry.ITopClass, entry.ITopKey, entry.TicketRef, entry.Outcome, entry.Reason,
                before = Json.Serialize(entry.Before), after = Json.Serialize(entry.After),
                entry.ITopCode, entry.ITopMessage, entry.IdempotencyKey, entry.JobRunId,
            },
            cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditRecord>> RecentAsync(string academyId, string? actor, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition($"""
            SELECT {Columns} FROM audit_log
            WHERE academy_id = @academyId AND (@actor::text IS NULL OR actor = @actor)
            ORDER BY at DESC, id DESC LIMIT @limit
            """, new { academyId, actor, limit = Math.Clamp(limit, 1, 10_000) }, cancellationToken: cancellationToken));
        return await ReadAllAsync(reader, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AuditRecord?> FindByIdempotencyKeyAsync(string academyId, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition($"""
            SELECT {Columns} FROM audit_log
            WHERE academy_id = @academyId AND idempotency_key = @idempotencyKey
            ORDER BY (outcome = 'done') DESC, id DESC LIMIT 1
            """, new { academyId, idempotencyKey }, cancellationToken: cancellationToken));
        return (await ReadAllAsync(reader, cancellationToken)).FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditRecord>> UnsettledDecisionsAsync(string academyId, string actor, string action, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition($"""
            SELECT {Columns} FROM audit_log d
            WHERE d.academy_id = @academyId AND d.actor = @actor AND d.action = @action AND d.outcome = 'decided'
              AND d.idempotency_key IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM audit_log later
                              WHERE later.academy_id = d.academy_id AND later.id > d.id
                                AND later.idempotency_key IN (d.idempotency_key, d.idempotency_key || ':done'))
            ORDER BY d.id
            """, new { academyId, actor, action }, cancellationToken: cancellationToken));
        return await ReadAllAsync(reader, cancellationToken);
    }

    private static async Task<IReadOnlyList<AuditRecord>> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(string name) => reader[name] as string;
            long? Long(string name) => reader[name] is DBNull ? null : Convert.ToInt64(reader[name], System.Globalization.CultureInfo.InvariantCulture);
            var entry = new AuditEntry(
                reader.GetString(reader.GetOrdinal("academy_id")), reader.GetString(reader.GetOrdinal("actor")), reader.GetString(reader.GetOrdinal("action")),
                Text("itop_class"), Long("itop_key"), Text("ticket_ref"), reader.GetString(reader.GetOrdinal("outcome")), Text("reason"))
            {
                Before = Json.Parse(Text("before_state")),
                After = Json.Parse(Text("after_state")),
                ITopCode = reader["itop_code"] is DBNull ? null : reader.GetInt32(reader.GetOrdinal("itop_code")),
                ITopMessage = Text("itop_message"),
                IdempotencyKey = Text("idempotency_key"),
                JobRunId = Long("job_run_id"),
            };
            var at = reader.GetFieldValue<DateTime>(reader.GetOrdinal("at"));
            records.Add(new AuditRecord(reader.GetInt64(reader.GetOrdinal("id")), new DateTimeOffset(at, TimeSpan.Zero), entry));
        }

        return records;
    }
}
