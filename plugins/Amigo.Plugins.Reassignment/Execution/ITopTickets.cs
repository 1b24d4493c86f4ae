namespace Amigo.Plugins.Reassignment.Execution;

/// <summary>Reads a UserRequest from an academy's iTop as the rules see it.</summary>
public static class ITopTickets
{
    /// <summary>The iTop class the plugin works on.</summary>
    public const string UserRequest = "UserRequest";

    private static readonly string[] BaseFields =
    [
        "id", "ref", "title", "status", "team_id", "team_name", "agent_id", "org_id", "org_name", "caller_id",
        "service_id", "service_name", "servicesubcategory_id", "servicesubcategory_name", "assignment_date", "start_date", "last_update",
    ];

    /// <summary>Fields read for a decision (plus the academy's establishment attribute when it has one).</summary>
    public static IReadOnlyList<string> DecisionFields(AcademyContext academy) =>
        academy.FieldMap.EstablishmentUai is { Length: > 0 } uai ? [.. BaseFields, uai] : BaseFields;

    /// <summary>Fields read for a transfer: the decision fields plus the text and both journals.</summary>
    public static IReadOnlyList<string> TransferFields(AcademyContext academy) =>
        [.. DecisionFields(academy), "description", "public_log", "private_log"];

    /// <summary>Reads one ticket by id; null when iTop no longer has it.</summary>
    public static async Task<ITopObject?> ReadAsync(AcademyContext academy, long id, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var result = await academy.ITop.GetAsync(new ITopGetRequest(UserRequest, ITopKey.Id(id), fields), cancellationToken);
        return result.Objects.FirstOrDefault();
    }

    /// <summary>
    /// The facts of a freshly read ticket. The establishment comes from the academy's field map when it has one,
    /// otherwise from the synced value (<paramref name="syncedUai"/>).
    /// </summary>
    public static TicketFacts ToFacts(AcademyContext academy, ITopObject ticket, string? syncedUai)
    {
        var zone = academy.ITop.TimeZone;
        var dispatched = ticket.GetLocalDateTime("assignment_date") ?? ticket.GetLocalDateTime("start_date");
        return new TicketFacts
        {
            Id = ticket.Key,
            Ref = ticket.GetString("ref") ?? $"#{ticket.Key}",
            Title = ticket.GetString("title") ?? "",
            Status = ticket.GetString("status") ?? "",
            TeamId = ticket.GetExternalKey("team_id"),
            TeamName = Blank(ticket.GetString("team_name")),
            AgentId = ticket.GetExternalKey("agent_id"),
            OrganizationId = ticket.GetExternalKey("org_id"),
            OrganizationName = Blank(ticket.GetString("org_name")),
            CallerId = ticket.GetExternalKey("caller_id"),
            ServiceId = ticket.GetExternalKey("service_id"),
            ServiceName = Blank(ticket.GetString("service_name")),
            SubcategoryId = ticket.GetExternalKey("servicesubcategory_id"),
            SubcategoryName = Blank(ticket.GetString("servicesubcategory_name")),
            EstablishmentUai = academy.FieldMap.EstablishmentUai is { Length: > 0 } field ? Blank(ticket.GetString(field)) : syncedUai,
            DispatchedAt = dispatched is { } local ? zone.ToInstant(local) : null,
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
