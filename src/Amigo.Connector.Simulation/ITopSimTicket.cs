namespace Amigo.Connector.Simulation;

/// <summary>A UserRequest to seed into the simulation (dates are iTop local wall-clock times; null = empty).</summary>
public sealed record ITopSimTicket
{
    /// <summary>Organization id (mandatory).</summary>
    public required long OrgId { get; init; }
    /// <summary>Caller (Person) id.</summary>
    public long? CallerId { get; init; }
    /// <summary>Title.</summary>
    public string Title { get; init; } = "Demande";
    /// <summary>Description (HTML).</summary>
    public string Description { get; init; } = "<p>Description.</p>";
    /// <summary>Lifecycle status (new, assigned, pending, resolved, closed, waiting_for_approval, or an extension's state).</summary>
    public string Status { get; init; } = "new";
    /// <summary>Team id.</summary>
    public long? TeamId { get; init; }
    /// <summary>Agent (Person) id.</summary>
    public long? AgentId { get; init; }
    /// <summary>Service id.</summary>
    public long? ServiceId { get; init; }
    /// <summary>Service subcategory id.</summary>
    public long? ServiceSubcategoryId { get; init; }
    /// <summary>Creation time; the clock's now when null.</summary>
    public DateTime? StartDate { get; init; }
    /// <summary>Assignment time.</summary>
    public DateTime? AssignmentDate { get; init; }
    /// <summary>Resolution time.</summary>
    public DateTime? ResolutionDate { get; init; }
    /// <summary>Closing time.</summary>
    public DateTime? CloseDate { get; init; }
    /// <summary>Last pending time.</summary>
    public DateTime? LastPendingDate { get; init; }
    /// <summary>Last update; the latest of the dates above when null.</summary>
    public DateTime? LastUpdate { get; init; }
    /// <summary>Pending reason.</summary>
    public string? PendingReason { get; init; }
    /// <summary>Solution.</summary>
    public string? Solution { get; init; }
    /// <summary>Urgency code (1 to 4).</summary>
    public string Urgency { get; init; } = "3";
    /// <summary>Impact code (1 to 3).</summary>
    public string Impact { get; init; } = "3";
    /// <summary>Origin (phone, mail, portal, monitoring).</summary>
    public string Origin { get; init; } = "portal";
    /// <summary>Request type.</summary>
    public string RequestType { get; init; } = "service_request";
    /// <summary>Reference; allocated (R-000123) when null.</summary>
    public string? Ref { get; init; }
    /// <summary>Other stored attributes (academy-specific fields added with <see cref="ITopSimulationStore.AddAttribute"/>).</summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }
}
