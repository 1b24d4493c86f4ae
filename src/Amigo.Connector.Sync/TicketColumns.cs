namespace Amigo.Connector.Sync;

/// <summary>The UserRequest attributes the sync reads (explicit list: never <c>*</c>) and the columns of <c>tickets</c> they fill.</summary>
internal static class TicketColumns
{
    private static readonly string[] BaseFields =
    [
        "id", "ref", "title", "status", "operational_status", "request_type", "impact", "urgency", "priority", "origin",
        "org_id", "org_name", "caller_id", "caller_id_friendlyname", "team_id", "team_name", "agent_id", "agent_id_friendlyname",
        "service_id", "service_name", "servicesubcategory_id", "servicesubcategory_name", "start_date", "assignment_date",
        "resolution_date", "close_date", "last_update", "last_pending_date", "pending_reason", "resolution_code", "user_satisfaction",
    ];

    /// <summary>The attribute whose greatest value becomes the next watermark.</summary>
    public const string LastUpdate = "last_update";

    public static IReadOnlyList<string> OutputFields(AcademyFieldMap map) =>
        BaseFields.Concat(new[] { map.EstablishmentUai, map.VisibleBy, map.Beneficiary }.OfType<string>().Select(OqlNames.EnsureAttribute))
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The staged columns, in COPY order.</summary>
    public static IReadOnlyList<TicketColumn> For(AcademyFieldMap map)
    {
        static TicketColumn Text(string name, string? attribute) => new(name, TicketRule.Text, attribute);
        static TicketColumn Key(string name, string attribute) => new(name, TicketRule.ExternalKey, attribute);
        static TicketColumn Date(string name) => new(name, TicketRule.Instant, name);

        return
        [
            new("itop_id", TicketRule.ObjectKey, null),
            new("ref", TicketRule.TextOrKeyReference, "ref"),
            new("title", TicketRule.RequiredText, "title"),
            new("status", TicketRule.RequiredText, "status"),
            new("status_group", TicketRule.StatusGroup, "status"),
            Text("request_type", "request_type"), Text("priority", "priority"), Text("urgency", "urgency"), Text("impact", "impact"),
            Text("origin", "origin"), Key("org_id", "org_id"), Text("org_name", "org_name"), Key("caller_id", "caller_id"),
            Text("caller_name", "caller_id_friendlyname"), Key("team_id", "team_id"), Text("team_name", "team_name"),
            Key("agent_id", "agent_id"), Text("agent_name", "agent_id_friendlyname"), Key("service_id", "service_id"),
            Text("service_name", "service_name"), Key("servicesubcategory_id", "servicesubcategory_id"),
            Text("servicesubcategory_name", "servicesubcategory_name"), Text("establishment_uai", map.EstablishmentUai),
            Text("visible_by", map.VisibleBy), Text("beneficiary", map.Beneficiary),
            Date("start_date"), Date("assignment_date"), Date("resolution_date"), Date("close_date"), Date(LastUpdate),
            Text("last_update_local", LastUpdate),
            Text("operational_status", "operational_status"), Text("pending_reason", "pending_reason"), Date("last_pending_date"),
            Text("resolution_code", "resolution_code"), Text("user_satisfaction", "user_satisfaction"),
        ];
    }
}
