namespace CatalogueSearchBench;

/// <summary>
/// The two baselines, in a throw-away database of the shared cluster: PostgreSQL full-text search (<c>french</c>
/// configuration with <c>unaccent</c>, weighted A/B/C/D like our fields, GIN index, ranked by <c>ts_rank</c> then usage)
/// and a plain <c>ILIKE '%…%'</c> over the five levels (what iTop's OQL LIKE does), ranked by usage.
/// </summary>
public sealed class PostgresBaselines : IAsyncDisposable
{
    private readonly string _adminConnectionString;
    private readonly string _databaseName;
    private readonly NpgsqlDataSource _dataSource;

    private PostgresBaselines(string adminConnectionString, string databaseName, NpgsqlDataSource dataSource, bool unaccent)
    {
        (_adminConnectionString, _databaseName, _dataSource, HasUnaccent) =
            (adminConnectionString, databaseName, dataSource, unaccent);
    }

    /// <summary>Whether the unaccent extension could be created (else the FTS baseline runs on plain <c>french</c>).</summary>
    public bool HasUnaccent { get; }

    /// <summary>The text search configuration used.</summary>
    public string Configuration => HasUnaccent ? "fr_unaccent" : "french";

    public static async Task<PostgresBaselines> CreateAsync(IReadOnlyList<CatalogueRow> rows, IReadOnlyDictionary<long, int> usage)
    {
        var admin = await PostgresServer.GetAdminConnectionStringAsync();
        var name = "amigo_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxAutoPrepare = 16, AutoPrepareMinUsages = 2 }.ConnectionString;
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var unaccent = true;
        try
        {
            await Execute(dataSource, "CREATE EXTENSION IF NOT EXISTS unaccent");
            await Execute(dataSource, """
                CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = french);
                ALTER TEXT SEARCH CONFIGURATION fr_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
                """);
        }
        catch (PostgresException exception)
        {
            Console.WriteLine($"NOTE: unaccent is not available in this cluster ({exception.MessageText}); the FTS baseline runs on 'french' without it.");
            unaccent = false;
        }
        var baselines = new PostgresBaselines(admin, name, dataSource, unaccent);
        await baselines.LoadAsync(rows, usage);
        return baselines;
    }

    private async Task LoadAsync(IReadOnlyList<CatalogueRow> rows, IReadOnlyDictionary<long, int> usage)
    {
        await Execute(_dataSource, """
            CREATE TABLE bench_catalogue (
                subcategory_id bigint PRIMARY KEY, subcategory_name text NOT NULL, subcategory_description text,
                service_id bigint NOT NULL, service_name text NOT NULL, service_description text,
                family_name text, family_group_name text, domain_name text, usage int NOT NULL, tsv tsvector)
            """);
        await using (var connection = await _dataSource.OpenConnectionAsync())
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY bench_catalogue (subcategory_id, subcategory_name, subcategory_description, service_id, service_name, service_description, family_name, family_group_name, domain_name, usage) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows.Where(row => row.SubcategoryStatus is null or "production"))
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(row.SubcategoryId, NpgsqlDbType.Bigint);
                await writer.WriteAsync(row.SubcategoryName, NpgsqlDbType.Text);
                await writer.WriteAsync((object?)row.SubcategoryDescription ?? DBNull.Value, NpgsqlDbType.Text);
                await writer.WriteAsync(row.ServiceId, NpgsqlDbType.Bigint);
                await writer.WriteAsync(row.ServiceName, NpgsqlDbType.Text);
                await writer.WriteAsync((object?)row.ServiceDescription ?? DBNull.Value, NpgsqlDbType.Text);
                await writer.WriteAsync((object?)row.FamilyName ?? DBNull.Value, NpgsqlDbType.Text);
                await writer.WriteAsync((object?)row.FamilyGroupName ?? DBNull.Value, NpgsqlDbType.Text);
                await writer.WriteAsync((object?)row.DomainName ?? DBNull.Value, NpgsqlDbType.Text);
                await writer.WriteAsync(usage.GetValueOrDefault(row.SubcategoryId), NpgsqlDbType.Integer);
            }
            await writer.CompleteAsync();
        }
        await Execute(_dataSource, $"""
            UPDATE bench_catalogue SET tsv =
                setweight(to_tsvector('{Configuration}', subcategory_name || ' ' || service_name), 'A') ||
                setweight(to_tsvector('{Configuration}', coalesce(family_name, '')), 'B') ||
                setweight(to_tsvector('{Configuration}', coalesce(family_group_name, '') || ' ' || coalesce(domain_name, '')), 'C') ||
                setweight(to_tsvector('{Configuration}', coalesce(subcategory_description, '') || ' ' || coalesce(service_description, '')), 'D');
            CREATE INDEX bench_catalogue_tsv ON bench_catalogue USING gin (tsv);
            CREATE INDEX bench_catalogue_service ON bench_catalogue (service_id);
            ANALYZE bench_catalogue;
            """);
    }

    /// <summary>Top 10 by full-text search: the query's words OR-ed, the last as a prefix (what a search box would do).</summary>
    public async Task<(List<long> Ids, double Micro)> FullTextAsync(NpgsqlConnection connection, string query, long[] services)
    {
        var words = Words(query);
        if (words.Count == 0)
        {
            return ([], 0);
        }
        // Only letters and digits reach the tsquery text, so user input cannot inject tsquery operators.
        var tsquery = string.Join(" | ", words.Select((word, i) => i == words.Count - 1 ? word + ":*" : word));
        await using var command = new NpgsqlCommand($"""
            SELECT subcategory_id FROM bench_catalogue, to_tsquery('{Configuration}', $1) AS q
             WHERE tsv @@ q AND service_id = ANY($2)
             ORDER BY ts_rank(tsv, q) DESC, usage DESC, subcategory_id
             LIMIT 10
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tsquery });
        command.Parameters.Add(new NpgsqlParameter { Value = services });
        return await RunAsync(command);
    }

    /// <summary>Top 10 by <c>ILIKE '%query%'</c> over the five levels, most used first.</summary>
    public async Task<(List<long> Ids, double Micro)> IlikeAsync(NpgsqlConnection connection, string query, long[] services)
    {
        var pattern = "%" + query.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        await using var command = new NpgsqlCommand("""
            SELECT subcategory_id FROM bench_catalogue
             WHERE service_id = ANY($2)
               AND (subcategory_name || ' ' || service_name || ' ' || coalesce(family_name, '') || ' ' ||
                    coalesce(family_group_name, '') || ' ' || coalesce(domain_name, '')) ILIKE $1
             ORDER BY usage DESC, subcategory_id
             LIMIT 10
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = pattern });
        command.Parameters.Add(new NpgsqlParameter { Value = services });
        return await RunAsync(command);
    }

    public ValueTask<NpgsqlConnection> OpenAsync() => _dataSource.OpenConnectionAsync();

    private static async Task<(List<long>, double)> RunAsync(NpgsqlCommand command)
    {
        var started = Stopwatch.GetTimestamp();
        var ids = new List<long>(10);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt64(0));
            }
        }
        return (ids, Stopwatch.GetElapsedTime(started).TotalMicroseconds);
    }

    private static List<string> Words(string query)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in query.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }
        return words;
    }

    private static async Task Execute(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 120;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
