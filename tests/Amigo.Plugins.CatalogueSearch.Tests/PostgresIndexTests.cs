namespace Amigo.Plugins.CatalogueSearch.Tests;

/// <summary>The index built from the synced tables of a migrated connector database (catalogue_entries, service_offers, organizations, tickets).</summary>
public sealed class PostgresIndexTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string Academy = NormandieCatalogue.AcademyId;

    public async Task InitializeAsync()
    {
        // The plugin's own migration (catalogue_choices), applied by the host's runner as at start-up.
        await postgres.MigratePluginsAsync(new CatalogueSearchPlugin());
        await using var batch = postgres.DataSource.CreateBatch();
        foreach (var table in new[] { "catalogue_entries", "service_offers", "organizations", "tickets", "catalogue_choices" })
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {table}"));
        }
        foreach (var row in NormandieCatalogue.Rows)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO catalogue_entries (academy_id, subcategory_id, subcategory_name, subcategory_description, request_type,
                    subcategory_status, service_id, service_name, service_description, service_status, family_id, family_name,
                    family_group_name, domain_name, synced_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                """, Academy, row.SubcategoryId, row.SubcategoryName, row.SubcategoryDescription, row.RequestType, row.SubcategoryStatus,
                row.ServiceId, row.ServiceName, row.ServiceDescription, row.ServiceStatus, row.FamilyId, row.FamilyName, row.FamilyGroupName,
                row.DomainName, row.SyncedAt));
        }
        foreach (var offer in NormandieCatalogue.Offers)
        {
            batch.BatchCommands.Add(Command("INSERT INTO service_offers (academy_id, org_id, service_id) VALUES ($1, $2, $3)", Academy, offer.OrgId, offer.ServiceId));
        }
        foreach (var org in NormandieCatalogue.Organizations)
        {
            batch.BatchCommands.Add(Command("INSERT INTO organizations (academy_id, itop_id, name, code, parent_id) VALUES ($1, $2, $3, $4, $5)",
                Academy, org.Id, org.Name, org.Code, org.ParentId));
        }
        // Usage comes from the tickets themselves: as many synced tickets per subcategory as the fixture says.
        foreach (var (subcategory, count) in NormandieCatalogue.Usage)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO tickets (academy_id, itop_id, ref, title, status, status_group, servicesubcategory_id, start_date)
                SELECT $1, $2 * 10000 + n, 'R-' || ($2 * 10000 + n), 'ticket', 'assigned', 'Open', $2, now() - interval '3 days'
                  FROM generate_series(1, $3) AS n
                """, Academy, subcategory, count));
        }
        // Deleted tickets and other academies' tickets do not count.
        batch.BatchCommands.Add(Command("""
            INSERT INTO tickets (academy_id, itop_id, ref, title, status, status_group, servicesubcategory_id, deleted_at)
            SELECT $1, 90000000 + n, 'R-9' || n, 'gone', 'closed', 'Closed', 1001, now() FROM generate_series(1, 500) AS n
            """, Academy));
        batch.BatchCommands.Add(Command("""
            INSERT INTO tickets (academy_id, itop_id, ref, title, status, status_group, servicesubcategory_id)
            SELECT 'toulouse', n, 'R-' || n, 'other academy', 'assigned', 'Open', 1002 FROM generate_series(1, 500) AS n
            """));
        await batch.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_index_built_from_the_database_answers_like_the_guide()
    {
        var store = NewStore();
        var report = await store.RefreshAsync(Academy, TestAcademies.DefaultProfile, CancellationToken.None);
        Assert.Equal(NormandieCatalogue.Rows.Count, report.Entries);

        var catalogue = store.Peek(Academy)!;
        var top = TestAcademies.Search(catalogue, "webmail", NormandieCatalogue.RectoratCode).Items.Take(4).ToList();
        // Usage counted from the tickets table: 1004 (120), 1003 (45), 1002 (30), 1001 (12); deleted and other academies' tickets ignored.
        Assert.Equal([1004L, 1003L, 1002L, 1001L], top.Select(hit => hit.ServiceSubcategoryId));
        Assert.Equal(120, top[0].Usage);
        Assert.Empty(TestAcademies.Search(catalogue, "pronote", NormandieCatalogue.RectoratCode).Items);
        Assert.NotEmpty(TestAcademies.Search(catalogue, "pronote", NormandieCatalogue.LyceeUai).Items);
    }

    [Fact]
    public async Task A_catalogue_change_in_the_database_reloads_only_the_changed_rows()
    {
        var store = NewStore();
        await store.RefreshAsync(Academy, TestAcademies.DefaultProfile, CancellationToken.None);

        await Execute("UPDATE catalogue_entries SET subcategory_name = 'Quota de la boîte', synced_at = now() WHERE academy_id = $1 AND subcategory_id = 1003", Academy);
        await Execute("DELETE FROM catalogue_entries WHERE academy_id = $1 AND subcategory_id = 1007", Academy);
        var report = await store.RefreshAsync(Academy, TestAcademies.DefaultProfile, CancellationToken.None);

        Assert.True(report.IndexRebuilt);
        Assert.Equal(1, report.Reanalyzed);
        Assert.Equal(1, report.Removed);
        Assert.False(report.ScopeReloaded);
        Assert.Equal(1003, TestAcademies.Search(store.Peek(Academy)!, "quota", NormandieCatalogue.RectoratCode).Items[0].ServiceSubcategoryId);

        var unchanged = await store.RefreshAsync(Academy, TestAcademies.DefaultProfile, CancellationToken.None);
        Assert.False(unchanged.IndexRebuilt);
        Assert.Equal(0, unchanged.Reanalyzed);
    }

    [Fact]
    public async Task A_new_contract_line_reloads_the_scope()
    {
        var store = NewStore();
        await store.RefreshAsync(Academy, TestAcademies.DefaultProfile, CancellationToken.None);
        await Execute("INSERT INTO service_offers (academy_id, org_id, service_id) VALUES ($1, 2, 122)", Academy);

        var report = await store.RefreshAsync(Academy, TestAcademies.DefaultProfile, CancellationToken.None);

        Assert.True(report.ScopeReloaded);
        Assert.False(report.IndexRebuilt);
        Assert.NotEmpty(TestAcademies.Search(store.Peek(Academy)!, "pronote", NormandieCatalogue.RectoratCode).Items);
    }

    [Fact]
    public async Task Rows_chosen_on_the_requester_page_count_like_tickets_of_their_subcategory()
    {
        var choices = new PostgresCatalogueChoiceStore(new ConnectorDatabase(postgres.DataSource));
        // 1001 has 12 tickets and 1004 has 120: 109 choices over two days put 1001 (121) first.
        for (var i = 0; i < 109; i++)
        {
            await choices.RecordAsync(Academy, 1001, i % 2 == 0 ? new DateOnly(2031, 6, 16) : new DateOnly(2031, 6, 17), CancellationToken.None);
        }
        await choices.RecordAsync("toulouse", 1002, new DateOnly(2031, 6, 17), CancellationToken.None);

        var store = NewStore();
        await store.RefreshAsync(Academy, TestAcademies.DefaultProfile, CancellationToken.None);
        var top = TestAcademies.Search(store.Peek(Academy)!, "webmail", NormandieCatalogue.RectoratCode).Items;
        Assert.Equal([1001L, 1004L], top.Take(2).Select(hit => hit.ServiceSubcategoryId));
        Assert.Equal(121, top[0].Usage);
        Assert.Equal(30, top.Single(hit => hit.ServiceSubcategoryId == 1002).Usage); // the other academy's choice does not count here

        // One row per academy, subcategory and day, and nothing else: no person, no login, no query.
        await using var command = postgres.DataSource.CreateCommand(
            "SELECT day, choices FROM catalogue_choices WHERE academy_id = $1 ORDER BY day");
        command.Parameters.Add(new NpgsqlParameter { Value = Academy });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(DateOnly, int)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1)));
        Assert.Equal([(new DateOnly(2031, 6, 16), 55), (new DateOnly(2031, 6, 17), 54)], rows);
        Assert.Equal(["academy_id", "choices", "day", "subcategory_id"], await ColumnsAsync("catalogue_choices"));
    }

    private async Task<List<string>> ColumnsAsync(string table)
    {
        await using var command = postgres.DataSource.CreateCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name");
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<string>();
        while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        return columns;
    }

    private CatalogueIndexStore NewStore() =>
        new(new PostgresCatalogueSource(new ConnectorDatabase(postgres.DataSource)), TimeProvider.System, NullLogger<CatalogueIndexStore>.Instance);

    private async Task Execute(string sql, params object?[] values)
    {
        await using var command = postgres.DataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        return command;
    }

}
