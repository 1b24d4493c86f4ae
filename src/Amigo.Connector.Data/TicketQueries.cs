namespace Amigo.Connector.Data;

/// <summary>Filter of <see cref="TicketQueries.QueryAsync"/>; every criterion is optional (AND).</summary>
public sealed record TicketFilter
{
    /// <summary>Status codes.</summary>
    public IReadOnlyList<string>? Statuses { get; init; }
    /// <summary>Status group (<c>Open</c>, <c>Waiting</c>, <c>Resolved</c>, <c>Closed</c>, <c>Other</c>).</summary>
    public string? StatusGroup { get; init; }
    /// <summary>Assigned team.</summary>
    public long? TeamId { get; init; }
    /// <summary>Organization.</summary>
    public long? OrgId { get; init; }
    /// <summary>Establishment UAI (from the field map).</summary>
    public string? EstablishmentUai { get; init; }
    /// <summary>Resolved strictly before this instant.</summary>
    public DateTimeOffset? ResolvedBefore { get; init; }
    /// <summary>Updated in iTop at or after this instant.</summary>
    public DateTimeOffset? UpdatedSince { get; init; }
    /// <summary>Include tickets deleted in iTop (default false).</summary>
    public bool IncludeDeleted { get; init; }
    /// <summary>Key-set paging: only ids greater than this.</summary>
    public long AfterId { get; init; }
    /// <summary>Page size (1–10,000).</summary>
    public int Limit { get; init; } = 500;
}

/// <summary>Read access to the synced tickets for the host and reports (plugins may also query the tables directly).</summary>
public sealed class TicketQueries(IConnectorDatabase database)
{
    internal const string Select = """
        SELECT academy_id AS AcademyId,
        itop_id AS ITopId,
        ref AS Ref,
        title AS Title,
        status AS Status,
        status_group AS StatusGroup,
        request_type AS RequestType,
        priority AS Priority,
        urgency AS Urgency,
        impact AS Impact,
        origin AS Origin,
        org_id AS OrgId,
        org_name AS OrgName,
        caller_id AS CallerId,
        caller_name AS CallerName,
        caller_email AS CallerEmail,
        team_id AS TeamId,
        team_name AS TeamName,
        agent_id AS AgentId,
        agent_name AS AgentName,
        service_id AS ServiceId,
        service_name AS ServiceName,
        servicesubcategory_id AS ServiceSubcategoryId,
        servicesubcategory_name AS ServiceSubcategoryName,
        establishment_uai AS EstablishmentUai,
        service_domain AS ServiceDomain,
        family_group AS FamilyGroup,
        visible_by AS VisibleBy,
        beneficiary AS Beneficiary,
        start_date AS StartDate,
        assignment_date AS AssignmentDate,
        resolution_date AS ResolutionDate,
        close_date AS CloseDate,
        last_update AS LastUpdate,
        last_update_local AS LastUpdateLocal,
        operational_status AS OperationalStatus,
        pending_reason AS PendingReason,
        last_pending_date AS LastPendingDate,
        resolution_code AS ResolutionCode,
        user_satisfaction AS UserSatisfaction,
        closed_by_connector AS ClosedByConnector,
        deleted_at AS DeletedAt,
        synced_at AS SyncedAt
        FROM tickets
        """;

    /// <summary>One ticket by iTop id, or null.</summary>
    public async Task<TicketRecord?> GetAsync(string academyId, long itopId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<TicketRecord>(new CommandDefinition(
            Select + " WHERE academy_id = @academyId AND itop_id = @itopId", new { academyId, itopId }, cancellationToken: cancellationToken));
    }

    /// <summary>One ticket by reference (<c>R-000123</c>), or null.</summary>
    public async Task<TicketRecord?> GetByRefAsync(string academyId, string reference, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<TicketRecord>(new CommandDefinition(
            Select + " WHERE academy_id = @academyId AND ref = @reference", new { academyId, reference }, cancellationToken: cancellationToken));
    }

    /// <summary>Tickets of an academy matching <paramref name="filter"/>, by ascending id (page with <see cref="TicketFilter.AfterId"/>).</summary>
    public async Task<IReadOnlyList<TicketRecord>> QueryAsync(string academyId, TicketFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<TicketRecord>(new CommandDefinition(Select + """

             WHERE academy_id = @academyId AND itop_id > @AfterId
              AND (@IncludeDeleted OR deleted_at IS NULL)
              AND (@statuses::text[] IS NULL OR status = ANY(@statuses))
              AND (@StatusGroup::text IS NULL OR status_group = @StatusGroup)
              AND (@TeamId::bigint IS NULL OR team_id = @TeamId)
              AND (@OrgId::bigint IS NULL OR org_id = @OrgId)
              AND (@EstablishmentUai::text IS NULL OR establishment_uai = @EstablishmentUai)
              AND (@ResolvedBefore::timestamptz IS NULL OR resolution_date < @ResolvedBefore)
              AND (@UpdatedSince::timestamptz IS NULL OR last_update >= @UpdatedSince)
            ORDER BY itop_id
            LIMIT @limit
            """,
            new
            {
                academyId, filter.AfterId, filter.IncludeDeleted, statuses = filter.Statuses?.ToArray(), filter.StatusGroup, filter.TeamId, filter.OrgId,
                filter.EstablishmentUai, filter.ResolvedBefore, filter.UpdatedSince, limit = Math.Clamp(filter.Limit, 1, 10_000),
            },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Number of live tickets per status group.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountByStatusGroupAsync(string academyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Group, long Count)>(new CommandDefinition(
            "SELECT status_group, count(*) FROM tickets WHERE academy_id = @academyId AND deleted_at IS NULL GROUP BY status_group",
            new { academyId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Group, r => r.Count);
    }

    /// <summary>Marks tickets as closed by the connector (set by the auto-close plugin after a successful close).</summary>
    public async Task MarkClosedByConnectorAsync(string academyId, IReadOnlyCollection<long> itopIds, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE tickets SET closed_by_connector = true WHERE academy_id = @academyId AND itop_id = ANY(@ids)",
            new { academyId, ids = itopIds.ToArray() }, cancellationToken: cancellationToken));
    }
}
