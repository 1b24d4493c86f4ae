namespace Amigo.Plugins.Reassignment.Data;

/// <summary><see cref="IMoveStore"/> on the connector's PostgreSQL database (table <c>reassign_moves</c>, created by the plugin's migration <c>Migrations/0001_reassign_moves.sql</c>).</summary>
public sealed class PostgresMoveStore(IConnectorDatabase database) : IMoveStore
{
    private const string Columns = """
        id, academy_id, itop_id, ticket_ref, rule_name, kind, from_team_id, from_team_name, to_team_id, to_team_name,
        target_academy_id, target_itop_id, target_ref, idempotency_key, state, reason, job_run_id, moved_at, updated_at
        """;

    /// <inheritdoc />
    public async Task<bool> HasMoveByRuleSinceAsync(string academyId, long ticketId, string ruleName, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT EXISTS (SELECT 1 FROM reassign_moves
            WHERE academy_id = @academy AND itop_id = @ticket AND rule_name = @rule AND moved_at >= @since AND state <> 'failed')
            """);
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.AddWithValue("ticket", ticketId);
        command.Parameters.AddWithValue("rule", ruleName);
        command.Parameters.AddWithValue("since", since.ToUniversalTime());
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<bool> HasMovedAwayFromAsync(string academyId, long ticketId, long teamId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT EXISTS (SELECT 1 FROM reassign_moves
            WHERE academy_id = @academy AND itop_id = @ticket AND from_team_id = @team AND kind = 'dispatch' AND state = 'done')
            """);
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.AddWithValue("ticket", ticketId);
        command.Parameters.AddWithValue("team", teamId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> LastMoveAtAsync(string academyId, long ticketId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT max(moved_at) FROM reassign_moves WHERE academy_id = @academy AND itop_id = @ticket AND state = 'done'");
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.AddWithValue("ticket", ticketId);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    /// <inheritdoc />
    public async Task<long> AddAsync(MoveRecord move, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            INSERT INTO reassign_moves (academy_id, itop_id, ticket_ref, rule_name, kind, from_team_id, from_team_name, to_team_id,
                to_team_name, target_academy_id, target_itop_id, target_ref, idempotency_key, state, reason, job_run_id, moved_at, updated_at)
            VALUES (@academy, @ticket, @ref, @rule, @kind, @fromId, @fromName, @toId, @toName, @targetAcademy, @targetId, @targetRef,
                @key, @state, @reason, @run, @at, @at)
            ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO UPDATE SET updated_at = reassign_moves.updated_at
            RETURNING id
            """);
        command.Parameters.AddWithValue("academy", move.AcademyId);
        command.Parameters.AddWithValue("ticket", move.TicketId);
        command.Parameters.AddWithValue("ref", move.TicketRef);
        command.Parameters.AddWithValue("rule", move.RuleName);
        command.Parameters.AddWithValue("kind", move.Kind);
        command.Parameters.Add(Nullable("fromId", NpgsqlDbType.Bigint, move.FromTeamId));
        command.Parameters.Add(Nullable("fromName", NpgsqlDbType.Text, move.FromTeamName));
        command.Parameters.Add(Nullable("toId", NpgsqlDbType.Bigint, move.ToTeamId));
        command.Parameters.Add(Nullable("toName", NpgsqlDbType.Text, move.ToTeamName));
        command.Parameters.Add(Nullable("targetAcademy", NpgsqlDbType.Text, move.TargetAcademyId));
        command.Parameters.Add(Nullable("targetId", NpgsqlDbType.Bigint, move.TargetTicketId));
        command.Parameters.Add(Nullable("targetRef", NpgsqlDbType.Text, move.TargetRef));
        command.Parameters.Add(Nullable("key", NpgsqlDbType.Text, move.IdempotencyKey));
        command.Parameters.AddWithValue("state", move.State);
        command.Parameters.Add(Nullable("reason", NpgsqlDbType.Text, move.Reason));
        command.Parameters.Add(Nullable("run", NpgsqlDbType.Bigint, move.JobRunId));
        command.Parameters.AddWithValue("at", move.MovedAt.ToUniversalTime());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task UpdateAsync(long id, string state, string? reason, long? targetTicketId, string? targetRef, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            UPDATE reassign_moves SET state = @state, reason = coalesce(@reason, reason),
                target_itop_id = coalesce(@targetId, target_itop_id), target_ref = coalesce(@targetRef, target_ref), updated_at = now()
            WHERE id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("state", state);
        command.Parameters.Add(Nullable("reason", NpgsqlDbType.Text, reason));
        command.Parameters.Add(Nullable("targetId", NpgsqlDbType.Bigint, targetTicketId));
        command.Parameters.Add(Nullable("targetRef", NpgsqlDbType.Text, targetRef));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<MoveRecord?> FindByKeyAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM reassign_moves WHERE idempotency_key = @key");
        command.Parameters.AddWithValue("key", idempotencyKey);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MoveRecord>> UnfinishedTransfersAsync(string academyId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            $"SELECT {Columns} FROM reassign_moves WHERE academy_id = @academy AND state IN ('pending', 'created') ORDER BY id");
        command.Parameters.AddWithValue("academy", academyId);
        return await ReadAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MoveRecord>> RecentAsync(string academyId, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            $"SELECT {Columns} FROM reassign_moves WHERE academy_id = @academy ORDER BY moved_at DESC, id DESC LIMIT @limit");
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    private static NpgsqlParameter Nullable<T>(string name, NpgsqlDbType type, T? value) =>
        new(name, type) { Value = (object?)value ?? DBNull.Value };

    private static async Task<IReadOnlyList<MoveRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<MoveRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new MoveRecord
            {
                Id = reader.GetInt64(0),
                AcademyId = reader.GetString(1),
                TicketId = reader.GetInt64(2),
                TicketRef = reader.GetString(3),
                RuleName = reader.GetString(4),
                Kind = reader.GetString(5),
                FromTeamId = reader.IsDBNull(6) ? null : reader.GetInt64(6),
                FromTeamName = reader.IsDBNull(7) ? null : reader.GetString(7),
                ToTeamId = reader.IsDBNull(8) ? null : reader.GetInt64(8),
                ToTeamName = reader.IsDBNull(9) ? null : reader.GetString(9),
                TargetAcademyId = reader.IsDBNull(10) ? null : reader.GetString(10),
                TargetTicketId = reader.IsDBNull(11) ? null : reader.GetInt64(11),
                TargetRef = reader.IsDBNull(12) ? null : reader.GetString(12),
                IdempotencyKey = reader.IsDBNull(13) ? null : reader.GetString(13),
                State = reader.GetString(14),
                Reason = reader.IsDBNull(15) ? null : reader.GetString(15),
                JobRunId = reader.IsDBNull(16) ? null : reader.GetInt64(16),
                MovedAt = reader.GetFieldValue<DateTimeOffset>(17),
                UpdatedAt = reader.GetFieldValue<DateTimeOffset>(18),
            });
        }
        return rows;
    }
}
