namespace Amigo.Plugins.CatalogueSearch.Tests;

/// <summary>The index built from the synced tables of a migrated connector database (catalogue_entries, service_offers, organizations, tickets).</summary>
public sealed class PostgresIndexTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string Academy = NormandieCatalogue.AcademyId;

    public async Task InitializeAsync()
    {
        await using var batch = postgres.DataSource.CreateBatch();
        foreach (var table in new[] { "catalogue_entries", "service_offers", "organizations", "tickets" })
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
