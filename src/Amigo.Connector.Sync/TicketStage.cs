namespace Amigo.Connector.Sync;

/// <summary>The SQL of the ticket staging table: its creation, the COPY into it and the merge of a batch into <c>tickets</c>.</summary>
internal sealed class TicketStage
{
    /// <summary>The temp table a batch is COPYed into (one per connection).</summary>
    public const string Name = "stage_tickets";

    public TicketStage(IReadOnlyList<TicketColumn> columns)
    {
        Columns = columns;
        CreateSql = StageSql.Create(Name, columns.Select(c => (c.Name, c.Type)));
        CopySql = StageSql.Copy(Name, columns.Select(c => c.Name));
        MergeSql = Merge(columns.Select(c => c.Name).ToList());
    }

    /// <summary>The staged columns, in COPY order.</summary>
    public IReadOnlyList<TicketColumn> Columns { get; }

    public string CreateSql { get; }

    public string CopySql { get; }

    /// <summary>
    /// Merges one staged batch: records a status transition for each ticket first seen or whose status differs from the
    /// stored one, then inserts or updates (only rows whose values changed; a ticket seen again is no longer deleted).
    /// Caller email and the catalogue's upper levels come from the already synced persons and catalogue.
    /// Returns (changed, transitions).
    /// </summary>
    public string MergeSql { get; }

    private static string Merge(IReadOnlyList<string> staged)
    {
        var derived = new[] { "caller_email", "service_domain", "family_group" };
        var all = staged.Concat(derived).ToList();
        var values = all.Where(c => c != "itop_id").ToList();
        return $"""
            WITH src AS (
                SELECT s.*, p.email AS caller_email, c.domain_name AS service_domain, c.family_group_name AS family_group
                FROM (SELECT DISTINCT ON (itop_id) * FROM {Name} ORDER BY itop_id, last_update_local DESC NULLS LAST) s
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
