namespace Amigo.Plugins.Reporting.Tests.Support;

/// <summary>
/// A fresh database with 6,000 generated resolved tickets (fixed seed) made to catch rank mistakes in the materialized
/// resolution-times report: four academies in three time zones plus one missing from <c>academies</c>, tickets resolved
/// at local midnight, durations rounded to the minute (ties, bucket bounds hit exactly), negative durations, tickets
/// never assigned, never started, deleted, with no team, and a team renamed in the middle of the year.
/// </summary>
public sealed class GeneratedResolutionsFixture : IAsyncLifetime
{
    /// <summary>Academies of the data set, in report order (<c>unknown</c> has no <c>academies</c> row: Europe/Paris).</summary>
    public static readonly string[] Academies = ["guyane", "paris", "reunion", "unknown"];

    private readonly PostgresFixture _postgres = new();

    public NpgsqlDataSource DataSource => _postgres.DataSource;
    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        await ReportingDataFixture.MigrateAsync(DataSource);
        await using (var seed = DataSource.CreateCommand(SeedSql))
            await seed.ExecuteNonQueryAsync();
        Services = ReportingDataFixture.BuildServices(DataSource);
        await Services.GetRequiredService<MaterializedViewRefresher>().RefreshAsync(TimeSpan.Zero, CancellationToken.None);
    }

    public async Task<ReportResult> RunAsync(ReportFilter filter) =>
        await Services.GetRequiredService<ReportRunner>().RunAsync(BuiltInReports.Find("resolution-times")!, filter, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    private const string SeedSql = """
        INSERT INTO academies (academy_id, display_name, itop_url, time_zone) VALUES
          ('paris', 'Académie de Paris', 'http://itop-par', 'Europe/Paris'),
          ('guyane', 'Académie de Guyane', 'http://itop-guy', 'America/Cayenne'),
          ('reunion', 'Académie de La Réunion', 'http://itop-reu', 'Indian/Reunion');
        SELECT setseed(0.2025);
        INSERT INTO tickets (academy_id, itop_id, ref, title, status, status_group, team_id, team_name,
                             start_date, assignment_date, resolution_date, deleted_at)
        SELECT g.academy_id, g.i, 'R-' || g.i, 'Demande', 'resolved', 'Resolved', g.team_id,
               CASE WHEN g.team_id IS NULL THEN NULL
                    WHEN g.team_id = 2 AND g.resolved >= '2025-06-15' THEN 'Équipe 2 (renommée)'
                    ELSE 'Équipe ' || g.team_id END,
               CASE WHEN g.r < 0.01 THEN NULL ELSE g.resolved - g.resolve_minutes * interval '1 minute' END,
               CASE WHEN g.r < 0.05 THEN NULL
                    ELSE g.resolved - g.resolve_minutes * interval '1 minute' + g.assign_minutes * interval '1 minute' END,
               g.resolved,
               CASE WHEN g.r > 0.99 THEN '2025-12-31 12:00+00'::timestamptz END
        FROM (
            SELECT i, (ARRAY['paris', 'guyane', 'reunion', 'unknown'])[1 + floor(random() * 4)::int] AS academy_id,
                   CASE WHEN random() < 0.05 THEN NULL ELSE 1 + floor(random() * 5)::bigint END AS team_id,
                   random() AS r,
                   -- Local midnights of the three zones, or any minute of 2025.
                   CASE WHEN random() < 0.1
                        THEN (date '2025-01-01' + floor(random() * 365)::int)::timestamp
                             AT TIME ZONE (ARRAY['Europe/Paris', 'America/Cayenne', 'Indian/Reunion'])[1 + floor(random() * 3)::int]
                        ELSE timestamptz '2025-01-01 00:00+00' + floor(random() * 525600) * interval '1 minute' END AS resolved,
                   -- Long-tailed, rounded to the minute (many ties); a few negative (assigned before creation).
                   round(-ln(1 - random()) * 2880) AS resolve_minutes,
                   round(-ln(1 - random()) * 240) - CASE WHEN random() < 0.02 THEN 600 ELSE 0 END AS assign_minutes
            FROM generate_series(1, 6000) AS s(i)
        ) g;
        """;
}
