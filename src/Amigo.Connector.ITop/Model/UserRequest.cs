namespace Amigo.Connector.ITop.Model;

/// <summary>An iTop <c>UserRequest</c> (a ticket) with the fields the connector uses. Dates are instants converted from the instance's local time.</summary>
public sealed record UserRequest(
    long Id,
    string Ref,
    string? Title,
    string? Description,
    string? Status,
    string? OperationalStatus,
    string? RequestType,
    string? Impact,
    string? Urgency,
    string? Priority,
    string? Origin,
    long? OrgId,
    string? OrgName,
    long? CallerId,
    string? CallerName,
    string? CallerFriendlyName,
    long? TeamId,
    string? TeamName,
    long? AgentId,
    string? AgentName,
    string? AgentFriendlyName,
    long? ServiceId,
    string? ServiceName,
    long? ServiceSubcategoryId,
    string? ServiceSubcategoryName,
    DateTimeOffset? StartDate,
    DateTimeOffset? AssignmentDate,
    DateTimeOffset? ResolutionDate,
    DateTimeOffset? CloseDate,
    DateTimeOffset? LastUpdate,
    DateTimeOffset? LastPendingDate,
    string? PendingReason,
    string? ResolutionCode,
    string? Solution,
    string? UserSatisfaction,
    string? UserComment,
    IReadOnlyList<CaseLogEntry> PublicLog,
    IReadOnlyList<CaseLogEntry> PrivateLog,
    ITopObject Source)
{
    /// <summary>The iTop class.</summary>
    public const string ClassName = "UserRequest";

    /// <summary>The <c>output_fields</c> the mapper reads (case logs excluded: ask for <see cref="FieldsWithLogs"/> when needed).</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "id", "ref", "title", "description", "status", "operational_status", "request_type", "impact", "urgency", "priority", "origin",
        "org_id", "org_name", "caller_id", "caller_name", "caller_id_friendlyname", "team_id", "team_name", "agent_id", "agent_name",
        "agent_id_friendlyname", "service_id", "service_name", "servicesubcategory_id", "servicesubcategory_name", "start_date",
        "assignment_date", "resolution_date", "close_date", "last_update", "last_pending_date", "pending_reason", "resolution_code",
        "solution", "user_satisfaction", "user_comment",
    ];

    /// <summary><see cref="Fields"/> plus both case logs.</summary>
    public static readonly IReadOnlyList<string> FieldsWithLogs = [.. Fields, "public_log", "private_log"];

    /// <summary>Maps an object read with (a subset of) <see cref="Fields"/>; absent fields map to null.</summary>
    public static UserRequest FromObject(ITopObject source, ITopTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(zone);
        return new UserRequest(
            source.Key,
            source.GetString("ref") ?? source.GetString("friendlyname") ?? "",
            source.GetString("title"),
            source.GetString("description"),
            source.GetString("status"),
            source.NonEmpty("operational_status"),
            source.NonEmpty("request_type"),
            source.NonEmpty("impact"),
            source.NonEmpty("urgency"),
            source.NonEmpty("priority"),
            source.NonEmpty("origin"),
            source.GetExternalKey("org_id"),
            source.NonEmpty("org_name"),
            source.GetExternalKey("caller_id"),
            source.NonEmpty("caller_name"),
            source.NonEmpty("caller_id_friendlyname"),
            source.GetExternalKey("team_id"),
            source.NonEmpty("team_name"),
            source.GetExternalKey("agent_id"),
            source.NonEmpty("agent_name"),
            source.NonEmpty("agent_id_friendlyname"),
            source.GetExternalKey("service_id"),
            source.NonEmpty("service_name"),
            source.GetExternalKey("servicesubcategory_id"),
            source.NonEmpty("servicesubcategory_name"),
            source.Instant("start_date", zone),
            source.Instant("assignment_date", zone),
            source.Instant("resolution_date", zone),
            source.Instant("close_date", zone),
            source.Instant("last_update", zone),
            source.Instant("last_pending_date", zone),
            source.NonEmpty("pending_reason"),
            source.NonEmpty("resolution_code"),
            source.NonEmpty("solution"),
            source.NonEmpty("user_satisfaction"),
            source.NonEmpty("user_comment"),
            source.GetCaseLog("public_log"),
            source.GetCaseLog("private_log"),
            source);
    }
}
