namespace Amigo.Plugins.Reassignment.Data;

/// <summary><see cref="IMoveStore"/> on the connector's PostgreSQL database (table <c>reassign_moves</c>, created by the plugin's migration <c>Migrations/0001_reassign_moves.sql</c>).</summary>
public sealed class PostgresMoveStore(IConnectorDatabase database, TimeProvider time) : IMoveStore
{
    private const string Columns = """
        id AS Id, academy_id AS AcademyId, itop_id AS TicketId, ticket_ref AS TicketRef, rule_name AS RuleName, kind AS Kind,
        from_team_id AS FromTeamId, from_team_name AS FromTeamName, to_team_id AS ToTeamId, to_team_name AS ToTeamName,
        target_academy_id AS TargetAcademyId, target_itop_id AS TargetTicketId, target_ref AS TargetRef, idempotency_key AS IdempotencyKey,
        state AS State, reason AS Reason, job_run_id AS JobRunId, moved_at AS MovedAt, updated_at AS UpdatedAt
        """;

    /// <inheritdoc />
    public async Task<bool> HasMoveByRuleSinceAsync(string academyId, long ticketId, string ruleName, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM reassign_moves
            WHERE academy_id = @academy AND itop_id = @ticket AND rule_name = @rule AND moved_at >= @since AND state <> 'failed')
            """, new { academy = academyId, ticket = ticketId, rule = ruleName, since = since.ToUniversalTime() }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<bool> HasMovedAwayFromAsync(string academyId, long ticketId, long teamId, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM reassign_moves
            WHERE academy_id = @academy AND itop_id = @ticket AND from_team_id = @team AND kind = 'dispatch' AND state = 'done')
            """, new { academy = academyId, ticket = ticketId, team = teamId }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> LastMoveAtAsync(string academyId, long ticketId, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var at = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "SELECT max(moved_at) FROM reassign_moves WHERE academy_id = @academy AND itop_id = @ticket AND state = 'done'",
            new { academy = academyId, ticket = ticketId }, cancellationToken: cancellationToken));
        return at is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
    }

    /// <inheritdoc />
    public async Task<long> AddAsync(MoveRecord move, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO reassign_moves (academy_id, itop_id, ticket_ref, rule_name, kind, from_team_id, from_team_name, to_team_id,
                to_team_name, target_academy_id, target_itop_id, target_ref, idempotency_key, state, reason, job_run_id, moved_at, updated_at)
            VALUES (@academy, @ticket, @ref, @rule, @kind, @fromId, @fromName, @toId, @toName, @targetAcademy, @targetId, @targetRef,
                @key, @state, @reason, @run, @at, @at)
            ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO UPDATE SET updated_at = reassign_moves.updated_at
            RETURNING id
            """,
            new
            {
                academy = move.AcademyId, ticket = move.TicketId, @ref = move.TicketRef, rule = move.RuleName, kind = move.Kind,
                fromId = move.FromTeamId, fromName = move.FromTeamName, toId = move.ToTeamId, toName = move.ToTeamName,
                targetAcademy = move.TargetAcademyId, targetId = move.TargetTicketId, targetRef = move.TargetRef,
                key = move.IdempotencyKey, state = move.State, reason = move.Reason, run = move.JobRunId, at = move.MovedAt.ToUniversalTime(),
            },
            cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task UpdateAsync(long id, string state, string? reason, long? targetTicketId, string? targetRef, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE reassign_moves SET state = @state, reason = coalesce(@reason, reason),
                target_itop_id = coalesce(@targetId, target_itop_id), target_ref = coalesce(@targetRef, target_ref), updated_at = @now
            WHERE id = @id
            """, new { id, state, reason, targetId = targetTicketId, targetRef, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<MoveRecord?> FindByKeyAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<MoveRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM reassign_moves WHERE idempotency_key = @key", new { key = idempotencyKey }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MoveRecord>> UnfinishedTransfersAsync(string academyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<MoveRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM reassign_moves WHERE academy_id = @academy AND state IN ('pending', 'created') ORDER BY id",
            new { academy = academyId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MoveRecord>> RecentAsync(string academyId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<MoveRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM reassign_moves WHERE academy_id = @academy ORDER BY moved_at DESC, id DESC LIMIT @limit",
            new { academy = academyId, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
