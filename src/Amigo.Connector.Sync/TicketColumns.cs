using Amigo.Connector.Contracts.Academies;
using Amigo.Connector.ITop;
using NpgsqlTypes;

namespace Amigo.Connector.Sync;

/// <summary>The UserRequest attributes the sync reads (explicit list: never <c>*</c>) and how they fill <c>tickets</c>.</summary>
internal static class TicketColumns
{
    private static readonly string[] BaseFields =
    [
        "id", "ref", "title", "status", "operational_status", "request_type", "impact", "urgency", "priority", "origin",
        "org_id", "org_name", "caller_id", "caller_id_friendlyname", "team_id", "team_name", "agent_id", "agent_id_friendlyname",
        "service_id", "service_name", "servicesubcategory_id", "servicesubcategory_name", "start_date", "assignment_date",
        "resolution_date", "close_date", "last_update", "last_pending_date", "pending_reason", "resolution_code", "user_satisfaction",
    ];

    public static IReadOnlyList<string> OutputFields(AcademyFieldMap map) =>
        BaseFields.Concat(new[] { map.EstablishmentUai, map.VisibleBy, map.Beneficiary }.OfType<string>().Select(OqlNames.EnsureAttribute))
            .Distinct(StringComparer.Ordinal).ToList();

    public static StagedTable<ITopObject> Table(AcademyContext academy)
    {
        var zone = academy.ITop.TimeZone;
        var map = academy.FieldMap;
        StagedColumn<ITopObject> Text(string name, string? attribute) => new(name, NpgsqlDbType.Text, o => o.Text(attribute));
        StagedColumn<ITopObject> Key(string name, string attribute) => new(name, NpgsqlDbType.Bigint, o => o.Key(attribute));
        StagedColumn<ITopObject> Date(string name) => new(name, NpgsqlDbType.TimestampTz, o => o.Instant(name, zone));

        return new StagedTable<ITopObject>("tickets", ["itop_id"],
        [
            new("itop_id", NpgsqlDbType.Bigint, o => o.Key),
            new("ref", NpgsqlDbType.Text, o => o.Text("ref") ?? $"#{o.Key}"),
            new("title", NpgsqlDbType.Text, o => o.Required("title")),
            new("status", NpgsqlDbType.Text, o => o.Required("status")),
            new("status_group", NpgsqlDbType.Text, o => academy.Lifecycle.GroupOf(o.Text("status")).ToString()),
            Text("request_type", "request_type"), Text("priority", "priority"), Text("urgency", "urgency"), Text("impact", "impact"),
            Text("origin", "origin"), Key("org_id", "org_id"), Text("org_name", "org_name"), Key("caller_id", "caller_id"),
            Text("caller_name", "caller_id_friendlyname"), Key("team_id", "team_id"), Text("team_name", "team_name"),
            Key("agent_id", "agent_id"), Text("agent_name", "agent_id_friendlyname"), Key("service_id", "service_id"),
            Text("service_name", "service_name"), Key("servicesubcategory_id", "servicesubcategory_id"),
            Text("servicesubcategory_name", "servicesubcategory_name"), Text("establishment_uai", map.EstablishmentUai),
            Text("visible_by", map.VisibleBy), Text("beneficiary", map.Beneficiary),
            Date("start_date"), Date("assignment_date"), Date("resolution_date"), Date("close_date"), Date("last_update"),
            new("last_update_local", NpgsqlDbType.Text, o => o.Text("last_update")),
            Text("operational_status", "operational_status"), Text("pending_reason", "pending_reason"), Date("last_pending_date"),
            Text("resolution_code", "resolution_code"), Text("user_satisfaction", "user_satisfaction"),
        ]);
    }

    /// <summary>
    /// Merges one staged batch: records a status transition for each ticket first seen or whose status differs from the
    /// stored one, then inserts or updates (only rows whose values changed; a ticket seen again is no longer deleted).
    /// Caller email and the catalogue's upper levels come from the already synced persons and catalogue.
    /// Returns (changed, transitions).
    /// </summary>
    public static string MergeSql(StagedTable<ITopObject> table)
    {
        var staged = table.Columns.Select(c => c.Name).ToList();
        var derived = new[] { "caller_email", "service_domain", "family_group" };
        var all = staged.Concat(derived).ToList();
        var values = all.Where(c => c != "itop_id").ToList();
        return $"""
            WITH src AS (
                SELECT s.*, p.email AS caller_email, c.domain_name AS service_domain, c.family_group_name AS family_group
                FROM (SELECT DISTINCT ON (itop_id) * FROM {table.Stage} ORDER BY itop_id, last_update_local DESC NULLS LAST) s
                LEFT JOIN persons p ON p.academy_id = @academy AND p.itop_id = s.caller_id
                LEFT JOIN LATERAL (SELECT ce.domain_name, ce.family_group_name FROM catalogue_entries ce
                                   WHERE ce.academy_id = @academy AND ce.service_id = s.service_id
                                   ORDER BY ce.subcategory_id LIMIT 1) c ON true),
            transitions AS (
                INSERT INTO status_transitions (academy_id, itop_id, from_status, to_status, observed_at, itop_last_update)
                SELECT @academy, src.itop_id, t.status, src.status, @now, src.last_update
                FROM src LEFT JOIN tickets t ON t.academy_id = @academy AND t.itop_id = src.itop_id
                WHERE t.status IS DISTINCT FROM src.status
                RETURNING 1),
            merged AS (
                INSERT INTO tickets (academy_id, {string.Join(", ", all)}, synced_at)
                SELECT @academy, {string.Join(", ", all.Select(c => "src." + c))}, @now FROM src
                ON CONFLICT (academy_id, itop_id) DO UPDATE SET
                    {string.Join(", ", values.Select(v => $"{v} = excluded.{v}"))}, deleted_at = NULL, synced_at = excluded.synced_at
                WHERE ({string.Join(", ", values.Select(v => "tickets." + v))}, tickets.deleted_at)
                      IS DISTINCT FROM ({string.Join(", ", values.Select(v => "excluded." + v))}, NULL)
                RETURNING 1)
            SELECT (SELECT count(*) FROM merged), (SELECT count(*) FROM transitions)
            """;
    }
}
