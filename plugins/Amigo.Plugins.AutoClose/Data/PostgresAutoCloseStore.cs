namespace Amigo.Plugins.AutoClose.Data;

/// <summary>
/// The connector database's <c>tickets</c> table. No lock of its own: runs go through the host's job runner, whose job
/// lock (one per academy and job, every host) keeps two runs of an academy apart.
/// </summary>
public sealed class PostgresAutoCloseStore(IConnectorDatabase database) : IAutoCloseStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<CandidateTicket>> FindCandidatesAsync(
        string academyId, IReadOnlyList<string> statuses, DateTimeOffset resolvedNoLaterThan, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT itop_id, ref, status, resolution_date
            FROM tickets
            WHERE academy_id = @academy
              AND deleted_at IS NULL
              AND status = ANY(@statuses)
              AND resolution_date IS NOT NULL
              AND resolution_date <= @bound
            ORDER BY resolution_date, itop_id
            """;
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ITopId, string Ref, string Status, DateTimeOffset ResolutionDate)>(new CommandDefinition(sql,
            new { academy = academyId, statuses = statuses.ToArray(), bound = resolvedNoLaterThan.ToUniversalTime() }, cancellationToken: cancellationToken));
        return rows.Select(r => new CandidateTicket(r.ITopId, r.Ref, r.Status, r.ResolutionDate)).ToList();
    }

    /// <inheritdoc />
    public async Task MarkClosedByConnectorAsync(string academyId, long itopId, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE tickets SET closed_by_connector = true WHERE academy_id = @academy AND itop_id = @id",
            new { academy = academyId, id = itopId }, cancellationToken: cancellationToken));
    }
}
