namespace Amigo.Plugins.CatalogueSearch.Data;

/// <summary>Reads the synced tables of the connector database (see <c>0001_initial.sql</c>). Every value is a parameter.</summary>
public sealed class PostgresCatalogueSource(IConnectorDatabase database) : ICatalogueSource
{
    private const string EntryColumns =
        "subcategory_id, subcategory_name, subcategory_description, request_type, subcategory_status, service_id, service_name, " +
        "service_description, service_status, family_id, family_name, family_group_name, domain_name, synced_at";

    /// <inheritdoc />
    public async Task<CatalogueFingerprint> GetFingerprintAsync(string academyId, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT (SELECT count(*) FROM catalogue_entries WHERE academy_id = $1),
                   (SELECT max(synced_at) FROM catalogue_entries WHERE academy_id = $1),
                   (SELECT coalesce(sum(subcategory_id), 0)::bigint FROM catalogue_entries WHERE academy_id = $1),
                   (SELECT count(*) || ':' || coalesce(sum(hashtextextended(org_id || ':' || service_id, 0) % 1000000007), 0)
                      FROM service_offers WHERE academy_id = $1),
                   (SELECT count(*) || ':' || coalesce(max(synced_at)::text, '') || ':' ||
                           coalesce(sum(hashtextextended(itop_id || ':' || coalesce(code, '') || ':' || coalesce(parent_id, 0), 0) % 1000000007), 0)
                      FROM organizations WHERE academy_id = $1)
            """;
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = academyId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CatalogueFingerprint(
            reader.GetInt64(0),
            reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
            reader.GetInt64(2),
            reader.GetString(3),
            reader.GetString(4));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, DateTimeOffset>> GetEntryVersionsAsync(string academyId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT subcategory_id, synced_at FROM catalogue_entries WHERE academy_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = academyId });
        var versions = new Dictionary<long, DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[reader.GetInt64(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        }
        return versions;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CatalogueRow>> GetEntriesAsync(string academyId, IReadOnlyCollection<long> subcategoryIds, CancellationToken cancellationToken)
    {
        if (subcategoryIds.Count == 0)
        {
            return [];
        }
        await using var command = database.DataSource.CreateCommand(
            $"SELECT {EntryColumns} FROM catalogue_entries WHERE academy_id = $1 AND subcategory_id = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter { Value = academyId });
        command.Parameters.Add(new NpgsqlParameter { Value = subcategoryIds.ToArray() });
        var rows = new List<CatalogueRow>(subcategoryIds.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new CatalogueRow
            {
                SubcategoryId = reader.GetInt64(0),
                SubcategoryName = reader.GetString(1),
                SubcategoryDescription = NullableString(reader, 2),
                RequestType = NullableString(reader, 3),
                SubcategoryStatus = NullableString(reader, 4),
                ServiceId = reader.GetInt64(5),
                ServiceName = reader.GetString(6),
                ServiceDescription = NullableString(reader, 7),
                ServiceStatus = NullableString(reader, 8),
                FamilyId = reader.IsDBNull(9) ? null : reader.GetInt64(9),
                FamilyName = NullableString(reader, 10),
                FamilyGroupName = NullableString(reader, 11),
                DomainName = NullableString(reader, 12),
                SyncedAt = reader.GetFieldValue<DateTimeOffset>(13),
            });
        }
        return rows;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ServiceOffer>> GetOffersAsync(string academyId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT org_id, service_id FROM service_offers WHERE academy_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = academyId });
        var offers = new List<ServiceOffer>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            offers.Add(new ServiceOffer(reader.GetInt64(0), reader.GetInt64(1)));
        }
        return offers;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrganizationNode>> GetOrganizationsAsync(string academyId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT itop_id, name, code, parent_id FROM organizations WHERE academy_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = academyId });
        var organizations = new List<OrganizationNode>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            organizations.Add(new OrganizationNode(reader.GetInt64(0), reader.GetString(1), NullableString(reader, 2), reader.IsDBNull(3) ? null : reader.GetInt64(3)));
        }
        return organizations;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, int>> GetUsageAsync(string academyId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        // Rows chosen on the requester page count like synced tickets of their subcategory.
        await using var command = database.DataSource.CreateCommand("""
            SELECT id, sum(n)::int FROM (
                SELECT servicesubcategory_id AS id, count(*) AS n FROM tickets
                 WHERE academy_id = $1 AND deleted_at IS NULL AND servicesubcategory_id IS NOT NULL
                   AND ($2::timestamptz IS NULL OR start_date >= $2)
                 GROUP BY servicesubcategory_id
                UNION ALL
                SELECT subcategory_id, sum(choices) FROM catalogue_choices
                 WHERE academy_id = $1 AND ($2::timestamptz IS NULL OR day >= ($2::timestamptz AT TIME ZONE 'UTC')::date)
                 GROUP BY subcategory_id
            ) AS usage GROUP BY id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = academyId });
        command.Parameters.Add(new NpgsqlParameter { Value = since.HasValue ? since.Value.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        var usage = new Dictionary<long, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            usage[reader.GetInt64(0)] = reader.GetInt32(1);
        }
        return usage;
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
