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
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.Add(new NpgsqlParameter("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = statuses.ToArray() });
        command.Parameters.AddWithValue("bound", resolvedNoLaterThan.ToUniversalTime());
        var result = new List<CandidateTicket>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new CandidateTicket(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return result;
    }

    /// <inheritdoc />
    public async Task MarkClosedByConnectorAsync(string academyId, long itopId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "UPDATE tickets SET closed_by_connector = true WHERE academy_id = @academy AND itop_id = @id");
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.AddWithValue("id", itopId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
