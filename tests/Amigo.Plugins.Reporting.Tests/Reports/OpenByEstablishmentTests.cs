namespace Amigo.Plugins.Reporting.Tests.Reports;

/// <summary>
/// open-by-establishment groups on establishment_uai in index order, then merges NULL and '' (both shown as ''):
/// the figures must be those of one group per shown UAI.
/// </summary>
public sealed class OpenByEstablishmentTests : IAsyncLifetime
{
    private readonly PostgresFixture _postgres = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        await ReportingDataFixture.MigrateAsync(_postgres.DataSource);
        await using (var seed = _postgres.DataSource.CreateCommand("""
            INSERT INTO academies (academy_id, display_name, itop_url, time_zone) VALUES ('paris', 'Académie de Paris', 'http://itop', 'Europe/Paris');
            INSERT INTO tickets (academy_id, itop_id, ref, title, status, status_group, team_id, establishment_uai, org_name,
                                 visible_by, start_date, deleted_at) VALUES
              ('paris', 1, 'R-1', 'Demande', 'new', 'Open', 1, NULL, NULL, 'Établissement', '2025-03-03 09:00+01', NULL),
              ('paris', 2, 'R-2', 'Demande', 'pending', 'Waiting', 1, '', 'Sans UAI', '  ', '2025-03-04 09:00+01', NULL),
              ('paris', 3, 'R-3', 'Demande', 'new', 'Open', 2, '', 'Autre nom', NULL, '2025-03-05 09:00+01', NULL),
              ('paris', 4, 'R-4', 'Demande', 'new', 'Open', 1, '0750001A', 'Lycée A', 'Établissement', '2025-03-06 09:00+01', NULL),
              ('paris', 5, 'R-5', 'Demande', 'pending', 'Waiting', 2, '0750001A', 'Lycée A (ancien nom)', NULL, '2025-03-07 09:00+01', NULL),
              ('paris', 6, 'R-6', 'Demande', 'new', 'Open', 1, '0750001A', 'Lycée A', NULL, '2025-03-08 09:00+01', '2025-03-09 09:00+01'),
              ('paris', 7, 'R-7', 'Demande', 'resolved', 'Resolved', 1, '0750001A', 'Lycée A', NULL, '2025-03-08 09:00+01', NULL),
              ('paris', 8, 'R-8', 'Demande', 'new', 'Open', 1, '0750002B', 'Collège B', NULL, '2025-03-31 23:30+02', NULL);
            """))
            await seed.ExecuteNonQueryAsync();
        _services = ReportingDataFixture.BuildServices(_postgres.DataSource);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    private async Task<List<(string Uai, string? Org, long Open, long Waiting, long Shared, long Total)>> RunAsync(ReportFilter filter)
    {
        var result = await _services.GetRequiredService<ReportRunner>().RunAsync(BuiltInReports.Find("open-by-establishment")!, filter, CancellationToken.None);
        return result.Rows.Select(row => ((string)result.Value(row, "establishment_uai")!, (string?)result.Value(row, "org_name"),
            (long)result.Value(row, "open_count")!, (long)result.Value(row, "waiting_count")!, (long)result.Value(row, "shared_count")!,
            (long)result.Value(row, "total")!)).ToList();
    }

    [Fact]
    public async Task Null_and_empty_establishments_are_one_line_and_deleted_or_finished_tickets_are_left_out()
    {
        var rows = await RunAsync(new ReportFilter("paris"));

        Assert.Equal(
            [("", "Sans UAI", 2L, 1L, 1L, 3L), ("0750001A", "Lycée A (ancien nom)", 1L, 1L, 1L, 2L), ("0750002B", "Collège B", 1L, 0L, 0L, 1L)],
            rows);
    }

    [Fact]
    public async Task Team_and_creation_day_filters_are_exact()
    {
        // 2025-03-31 23:30 in Paris is still March: in [03-05, 04-01), not in [04-01, …).
        Assert.Equal([("", "Autre nom", 1L, 0L, 0L, 1L), ("0750001A", "Lycée A (ancien nom)", 0L, 1L, 0L, 1L)],
            await RunAsync(new ReportFilter("paris", 2)));
        Assert.Equal([("0750001A", "Lycée A (ancien nom)", 1L, 1L, 1L, 2L), ("", "Autre nom", 1L, 0L, 0L, 1L), ("0750002B", "Collège B", 1L, 0L, 0L, 1L)],
            await RunAsync(new ReportFilter("paris", From: new DateOnly(2025, 3, 5), To: new DateOnly(2025, 4, 1))));
        Assert.Empty(await RunAsync(new ReportFilter("paris", From: new DateOnly(2025, 4, 1))));
    }
}
