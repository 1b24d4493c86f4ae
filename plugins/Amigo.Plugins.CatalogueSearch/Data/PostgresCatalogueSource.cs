namespace Amigo.Plugins.CatalogueSearch.Data;

/// <summary>Reads the synced tables of the connector database (see <c>0001_initial.sql</c>). Every value is a parameter.</summary>
public sealed class PostgresCatalogueSource(IConnectorDatabase database) : ICatalogueSource
{
    private const string EntryColumns =
        "subcategory_id AS SubcategoryId, subcategory_name AS SubcategoryName, subcategory_description AS SubcategoryDescription, " +
        "request_type AS RequestType, subcategory_status AS SubcategoryStatus, service_id AS ServiceId, service_name AS ServiceName, " +
        "service_description AS ServiceDescription, service_status AS ServiceStatus, family_id AS FamilyId, family_name AS FamilyName, " +
        "family_group_name AS FamilyGroupName, domain_name AS DomainName, synced_at AS SyncedAt";

    /// <inheritdoc />
    public async Task<CatalogueFingerprint> GetFingerprintAsync(string academyId, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT (SELECT count(*) FROM catalogue_entries WHERE academy_id = @academy),
                   (SELECT max(synced_at) FROM catalogue_entries WHERE academy_id = @academy),
                   (SELECT coalesce(sum(subcategory_id), 0)::bigint FROM catalogue_entries WHERE academy_id = @academy),
                   (SELECT count(*) || ':' || coalesce(sum(hashtextextended(org_id || ':' || service_id, 0) % 1000000007), 0)
                      FROM service_offers WHERE academy_id = @academy),
                   (SELECT count(*) || ':' || coalesce(max(synced_at)::text, '') || ':' ||
                           coalesce(sum(hashtextextended(itop_id || ':' || coalesce(code, '') || ':' || coalesce(parent_id, 0), 0) % 1000000007), 0)
                      FROM organizations WHERE academy_id = @academy)
            """;
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(long EntryCount, DateTimeOffset? LastSyncedAt, long IdSum, string Offers, string Organizations)>(
            new CommandDefinition(sql, new { academy = academyId }, cancellationToken: cancellationToken));
        return new CatalogueFingerprint(row.EntryCount, row.LastSyncedAt, row.IdSum, row.Offers, row.Organizations);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, DateTimeOffset>> GetEntryVersionsAsync(string academyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long SubcategoryId, DateTimeOffset SyncedAt)>(new CommandDefinition(
            "SELECT subcategory_id, synced_at FROM catalogue_entries WHERE academy_id = @academy", new { academy = academyId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.SubcategoryId, r => r.SyncedAt);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CatalogueRow>> GetEntriesAsync(string academyId, IReadOnlyCollection<long> subcategoryIds, CancellationToken cancellationToken)
    {
        if (subcategoryIds.Count == 0)
        {
            return [];
        }
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<CatalogueRow>(new CommandDefinition(
            $"SELECT {EntryColumns} FROM catalogue_entries WHERE academy_id = @academy AND subcategory_id = ANY(@ids)",
            new { academy = academyId, ids = subcategoryIds.ToArray() }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ServiceOffer>> GetOffersAsync(string academyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long OrgId, long ServiceId)>(new CommandDefinition(
            "SELECT org_id, service_id FROM service_offers WHERE academy_id = @academy", new { academy = academyId }, cancellationToken: cancellationToken));
        return rows.Select(r => new ServiceOffer(r.OrgId, r.ServiceId)).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrganizationNode>> GetOrganizationsAsync(string academyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Name, string? Code, long? ParentId)>(new CommandDefinition(
            "SELECT itop_id, name, code, parent_id FROM organizations WHERE academy_id = @academy", new { academy = academyId }, cancellationToken: cancellationToken));
        return rows.Select(r => new OrganizationNode(r.Id, r.Name, r.Code, r.ParentId)).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, int>> GetUsageAsync(string academyId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        // Rows chosen on the requester page count like synced tickets of their subcategory.
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, int Uses)>(new CommandDefinition("""
            SELECT id, sum(n)::int FROM (
                SELECT servicesubcategory_id AS id, count(*) AS n FROM tickets
                 WHERE academy_id = @academy AND deleted_at IS NULL AND servicesubcategory_id IS NOT NULL
                   AND (@since::timestamptz IS NULL OR start_date >= @since)
                 GROUP BY servicesubcategory_id
                UNION ALL
                SELECT subcategory_id, sum(choices) FROM catalogue_choices
                 WHERE academy_id = @academy AND (@since::timestamptz IS NULL OR day >= (@since::timestamptz AT TIME ZONE 'UTC')::date)
                 GROUP BY subcategory_id
            ) AS usage GROUP BY id
            """,
            new { academy = academyId, since = since?.ToUniversalTime() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Id, r => r.Uses);
    }
}
