namespace Amigo.Connector.Data;

/// <summary>A synced ticket (row of <c>tickets</c>). Times are UTC instants.</summary>
public sealed class TicketRecord
{
    /// <summary>Column <c>academy_id</c>.</summary>
    public string AcademyId { get; init; } = "";

    /// <summary>Column <c>itop_id</c>.</summary>
    public long ITopId { get; init; }

    /// <summary>Column <c>ref</c>.</summary>
    public string Ref { get; init; } = "";

    /// <summary>Column <c>title</c>.</summary>
    public string Title { get; init; } = "";

    /// <summary>Column <c>status</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>Column <c>status_group</c>.</summary>
    public string StatusGroup { get; init; } = "";

    /// <summary>Column <c>request_type</c>.</summary>
    public string? RequestType { get; init; }

    /// <summary>Column <c>priority</c>.</summary>
    public string? Priority { get; init; }

    /// <summary>Column <c>urgency</c>.</summary>
    public string? Urgency { get; init; }

    /// <summary>Column <c>impact</c>.</summary>
    public string? Impact { get; init; }

    /// <summary>Column <c>origin</c>.</summary>
    public string? Origin { get; init; }

    /// <summary>Column <c>org_id</c>.</summary>
    public long? OrgId { get; init; }

    /// <summary>Column <c>org_name</c>.</summary>
    public string? OrgName { get; init; }

    /// <summary>Column <c>caller_id</c>.</summary>
    public long? CallerId { get; init; }

    /// <summary>Column <c>caller_name</c>.</summary>
    public string? CallerName { get; init; }

    /// <summary>Column <c>caller_email</c>.</summary>
    public string? CallerEmail { get; init; }

    /// <summary>Column <c>team_id</c>.</summary>
    public long? TeamId { get; init; }

    /// <summary>Column <c>team_name</c>.</summary>
    public string? TeamName { get; init; }

    /// <summary>Column <c>agent_id</c>.</summary>
    public long? AgentId { get; init; }

    /// <summary>Column <c>agent_name</c>.</summary>
    public string? AgentName { get; init; }

    /// <summary>Column <c>service_id</c>.</summary>
    public long? ServiceId { get; init; }

    /// <summary>Column <c>service_name</c>.</summary>
    public string? ServiceName { get; init; }

    /// <summary>Column <c>servicesubcategory_id</c>.</summary>
    public long? ServiceSubcategoryId { get; init; }

    /// <summary>Column <c>servicesubcategory_name</c>.</summary>
    public string? ServiceSubcategoryName { get; init; }

    /// <summary>Column <c>establishment_uai</c>.</summary>
    public string? EstablishmentUai { get; init; }

    /// <summary>Column <c>service_domain</c>.</summary>
    public string? ServiceDomain { get; init; }

    /// <summary>Column <c>family_group</c>.</summary>
    public string? FamilyGroup { get; init; }

    /// <summary>Column <c>visible_by</c>.</summary>
    public string? VisibleBy { get; init; }

    /// <summary>Column <c>beneficiary</c>.</summary>
    public string? Beneficiary { get; init; }

    /// <summary>Column <c>start_date</c> (UTC).</summary>
    public DateTime? StartDate { get; init; }

    /// <summary>Column <c>assignment_date</c> (UTC).</summary>
    public DateTime? AssignmentDate { get; init; }

    /// <summary>Column <c>resolution_date</c> (UTC).</summary>
    public DateTime? ResolutionDate { get; init; }

    /// <summary>Column <c>close_date</c> (UTC).</summary>
    public DateTime? CloseDate { get; init; }

    /// <summary>Column <c>last_update</c> (UTC).</summary>
    public DateTime? LastUpdate { get; init; }

    /// <summary>Column <c>last_update_local</c>.</summary>
    public string? LastUpdateLocal { get; init; }

    /// <summary>Column <c>operational_status</c>.</summary>
    public string? OperationalStatus { get; init; }

    /// <summary>Column <c>pending_reason</c>.</summary>
    public string? PendingReason { get; init; }

    /// <summary>Column <c>last_pending_date</c> (UTC).</summary>
    public DateTime? LastPendingDate { get; init; }

    /// <summary>Column <c>resolution_code</c>.</summary>
    public string? ResolutionCode { get; init; }

    /// <summary>Column <c>user_satisfaction</c>.</summary>
    public string? UserSatisfaction { get; init; }

    /// <summary>Column <c>closed_by_connector</c>.</summary>
    public bool ClosedByConnector { get; init; }

    /// <summary>Column <c>deleted_at</c> (UTC).</summary>
    public DateTime? DeletedAt { get; init; }

    /// <summary>Column <c>synced_at</c> (UTC).</summary>
    public DateTime SyncedAt { get; init; }
}
