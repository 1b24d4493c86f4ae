namespace Amigo.Plugins.Reassignment.Data;

/// <summary>Reads candidates from the synced <c>tickets</c> table (schema in <c>0001_initial.sql</c>).</summary>
public sealed class PostgresCandidateSource(IConnectorDatabase database) : ICandidateSource
{
    /// <inheritdoc />
    public async IAsyncEnumerable<TicketFacts> CandidatesAsync(
        string academyId, IReadOnlyCollection<StatusGroup> groups, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition("""
            SELECT itop_id AS Id, ref AS Ref, title AS Title, status AS Status, team_id AS TeamId, team_name AS TeamName, agent_id AS AgentId,
                   service_id AS ServiceId, service_name AS ServiceName, servicesubcategory_id AS SubcategoryId,
                   servicesubcategory_name AS SubcategoryName, org_id AS OrganizationId, org_name AS OrganizationName, caller_id AS CallerId,
                   establishment_uai AS EstablishmentUai, coalesce(assignment_date, start_date) AS DispatchedAt
            FROM tickets
            WHERE academy_id = @academy AND deleted_at IS NULL AND status_group = ANY(@groups)
            ORDER BY itop_id
            """, new { academy = academyId, groups = groups.Select(group => group.ToString()).ToArray() }, cancellationToken: cancellationToken));
        // Row by row (an academy may have tens of thousands of open tickets): Dapper's parser on a reader, not a buffered list.
        var parse = reader.GetRowParser<TicketFacts>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var facts = parse(reader);
            yield return facts with
            {
                TeamId = Id(facts.TeamId),
                AgentId = Id(facts.AgentId),
                ServiceId = Id(facts.ServiceId),
                SubcategoryId = Id(facts.SubcategoryId),
                OrganizationId = Id(facts.OrganizationId),
                CallerId = Id(facts.CallerId),
            };
        }
    }

    // iTop's empty external key is 0; whatever the sync stored for it, it means "none".
    private static long? Id(long? key) => key > 0 ? key : null;
}
