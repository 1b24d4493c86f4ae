namespace Amigo.Plugins.Reassignment.Rules;

/// <summary>What the rules look at on one ticket (from the synced table or freshly read from iTop).</summary>
public sealed record TicketFacts
{
    /// <summary>iTop id.</summary>
    public required long Id { get; init; }
    /// <summary>Reference, e.g. <c>R-000064</c>.</summary>
    public required string Ref { get; init; }
    /// <summary>Title.</summary>
    public string Title { get; init; } = "";
    /// <summary>Status code.</summary>
    public required string Status { get; init; }
    /// <summary>Current team id, null when none.</summary>
    public long? TeamId { get; init; }
    /// <summary>Current team name.</summary>
    public string? TeamName { get; init; }
    /// <summary>Assigned agent id, null when none.</summary>
    public long? AgentId { get; init; }
    /// <summary>Service id.</summary>
    public long? ServiceId { get; init; }
    /// <summary>Service name.</summary>
    public string? ServiceName { get; init; }
    /// <summary>Subcategory id.</summary>
    public long? SubcategoryId { get; init; }
    /// <summary>Subcategory name.</summary>
    public string? SubcategoryName { get; init; }
    /// <summary>The caller's organization id (ticket <c>org_id</c>).</summary>
    public long? OrganizationId { get; init; }
    /// <summary>The caller's organization name.</summary>
    public string? OrganizationName { get; init; }
    /// <summary>Caller id.</summary>
    public long? CallerId { get; init; }
    /// <summary>The establishment's UAI code as written in the ticket (unchecked).</summary>
    public string? EstablishmentUai { get; init; }
    /// <summary>When the ticket was dispatched to its current team (assignment date, last team change or creation).</summary>
    public DateTimeOffset? DispatchedAt { get; init; }
}
