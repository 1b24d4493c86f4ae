namespace Amigo.Plugins.Reassignment.Data;

/// <summary>Reads candidates from the synced <c>tickets</c> table (schema in <c>0001_initial.sql</c>).</summary>
public sealed class PostgresCandidateSource(IConnectorDatabase database) : ICandidateSource
{
    /// <inheritdoc />
    public async IAsyncEnumerable<TicketFacts> CandidatesAsync(
        string academyId, IReadOnlyCollection<StatusGroup> groups, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT itop_id, ref, title, status, team_id, team_name, agent_id, service_id, service_name,
                   servicesubcategory_id, servicesubcategory_name, org_id, org_name, caller_id, establishment_uai,
                   coalesce(assignment_date, start_date)
            FROM tickets
            WHERE academy_id = @academy AND deleted_at IS NULL AND status_group = ANY(@groups)
            ORDER BY itop_id
            """);
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.AddWithValue("groups", groups.Select(group => group.ToString()).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new TicketFacts
            {
                Id = reader.GetInt64(0),
                Ref = reader.GetString(1),
                Title = reader.GetString(2),
                Status = reader.GetString(3),
                TeamId = Id(reader, 4),
                TeamName = reader.IsDBNull(5) ? null : reader.GetString(5),
                AgentId = Id(reader, 6),
                ServiceId = Id(reader, 7),
                ServiceName = reader.IsDBNull(8) ? null : reader.GetString(8),
                SubcategoryId = Id(reader, 9),
                SubcategoryName = reader.IsDBNull(10) ? null : reader.GetString(10),
                OrganizationId = Id(reader, 11),
                OrganizationName = reader.IsDBNull(12) ? null : reader.GetString(12),
                CallerId = Id(reader, 13),
                EstablishmentUai = reader.IsDBNull(14) ? null : reader.GetString(14),
                DispatchedAt = reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15),
            };
        }
    }

    // iTop's empty external key is 0; whatever the sync stored for it, it means "none".
    private static long? Id(Npgsql.NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) || reader.GetInt64(column) <= 0 ? null : reader.GetInt64(column);
}
