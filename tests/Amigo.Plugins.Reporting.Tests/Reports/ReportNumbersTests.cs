using static Amigo.Plugins.Reporting.Tests.Support.KnownDataSet;

namespace Amigo.Plugins.Reporting.Tests.Reports;

/// <summary>Each report's figures on <see cref="KnownDataSet"/> (expected values worked out by hand in its comments).</summary>
public class ReportNumbersTests(ReportingDataFixture data) : IClassFixture<ReportingDataFixture>
{
    private static readonly ReportFilter ToulouseAllTime = new(Toulouse);
    private static readonly ReportFilter ToulouseMarch = new(Toulouse, From: MarchFrom, To: MarchTo);

    private static List<Dictionary<string, object?>> Rows(ReportResult result) =>
        result.Rows.Select(row => result.Columns.Select((c, i) => (c, row[i])).ToDictionary(p => p.c, p => p.Item2)).ToList();

    [Fact]
    public async Task Status_groups_are_the_portal_tabs_in_order()
    {
        var rows = Rows(await data.RunAsync("status-groups", ToulouseAllTime));

        Assert.Equal(
            [("Ouverts", 4L), ("En attente", 1L), ("Bénéficiaire", 2L), ("Partagés", 2L), ("Résolus", 1L), ("Fermés", 4L), ("Autres", 1L)],
            rows.Select(r => ((string)r["tab_label"]!, (long)r["tickets"]!)));
        Assert.All(rows, r => Assert.Equal(Toulouse, r["academy_id"]));
    }

    [Fact]
    public async Task Status_groups_filtered_by_team()
    {
        var rows = Rows(await data.RunAsync("status-groups", new ReportFilter(Toulouse, Pilotes)));

        Assert.Equal([("Open", 2L), ("Waiting", 0L), ("Beneficiary", 0L), ("Shared", 1L), ("Resolved", 0L), ("Closed", 1L), ("Other", 0L)],
            rows.Select(r => ((string)r["status_group"]!, (long)r["tickets"]!)));
    }

    [Fact]
    public async Task Open_by_team_agent_counts_open_and_waiting_and_ignores_deleted_tickets()
    {
        var rows = Rows(await data.RunAsync("open-by-team-agent", ToulouseAllTime));

        Assert.Equal(
            [("HELPDESK", "Diabaté Suzanne", 1L, 1L, 2L), ("HELPDESK", null, 1L, 0L, 1L), ("PILOTES", "Martin Louis", 2L, 0L, 2L)],
            rows.Select(r => ((string)r["team_name"]!, (string?)r["agent_name"], (long)r["open_count"]!, (long)r["waiting_count"]!, (long)r["total"]!)));
    }

    [Fact]
    public async Task Open_by_type()
    {
        var rows = Rows(await data.RunAsync("open-by-type", ToulouseAllTime));

        Assert.Equal([("incident", 4L), ("service_request", 1L)], rows.Select(r => ((string)r["request_type"]!, (long)r["total"]!)));
    }

    [Fact]
    public async Task Open_by_establishment_counts_shared_tickets()
    {
        var rows = Rows(await data.RunAsync("open-by-establishment", ToulouseAllTime));

        Assert.Equal(
            [("0310094J", 2L, 1L), ("0311240E", 2L, 1L), ("", 1L, 0L)],
            rows.Select(r => ((string)r["establishment_uai"]!, (long)r["total"]!, (long)r["shared_count"]!)));
    }

    [Fact]
    public async Task Open_by_service_and_subcategory()
    {
        var rows = Rows(await data.RunAsync("open-by-service", ToulouseAllTime));

        Assert.Equal(
            [("Messagerie", "Webmail", 2L), ("Poste de travail", "Anglais", 2L), ("Poste de travail", "Batterie", 1L)],
            rows.Select(r => ((string)r["service_name"]!, (string)r["servicesubcategory_name"]!, (long)r["total"]!)));
    }

    [Fact]
    public async Task Backlog_age_buckets()
    {
        var rows = Rows(await data.RunAsync("backlog-age", ToulouseAllTime));

        Assert.Equal([("< 1 j", 1L), ("1–7 j", 1L), ("7–30 j", 1L), ("> 30 j", 2L)],
            rows.Select(r => ((string)r["age_bucket"]!, (long)r["tickets"]!)));
    }

    [Fact]
    public async Task Weekly_flow_uses_the_academy_weeks()
    {
        var rows = Rows(await data.RunAsync("weekly-flow", ToulouseMarch));

        Assert.Equal(
            [(new DateOnly(2025, 3, 3), 3L, 3L, 1L), (new DateOnly(2025, 3, 10), 3L, 2L, 1L),
             (new DateOnly(2025, 3, 17), 0L, 0L, 1L), (new DateOnly(2025, 3, 24), 0L, 0L, 1L)],
            rows.Select(r => ((DateOnly)r["week_start"]!, (long)r["created"]!, (long)r["resolved"]!, (long)r["closed"]!)));
    }

    [Fact]
    public async Task Resolution_times_are_median_and_90th_percentile_per_team()
    {
        var rows = Rows(await data.RunAsync("resolution-times", ToulouseMarch));

        var helpdesk = Assert.Single(rows, r => (long?)r["team_id"] == Helpdesk);
        Assert.Equal(4L, helpdesk["resolved_count"]);
        Assert.Equal(25m, helpdesk["resolve_median_hours"]);
        Assert.Equal(37m, helpdesk["resolve_p90_hours"]);
        Assert.Equal((decimal)Percentile.Continuous(HelpdeskResolveHours, 0.9), helpdesk["resolve_p90_hours"]);
        Assert.Equal((decimal)Percentile.Continuous(HelpdeskAssignHours, 0.5), helpdesk["assign_median_hours"]);
        Assert.Equal(4.4m, helpdesk["assign_p90_hours"]);
        var pilotes = Assert.Single(rows, r => (long?)r["team_id"] == Pilotes);
        Assert.Equal((1L, 100m, 100m, 4m), ((long)pilotes["resolved_count"]!, pilotes["resolve_median_hours"], pilotes["resolve_p90_hours"], pilotes["assign_p90_hours"]));
    }

    [Fact]
    public async Task Resolution_times_follow_the_period_on_the_resolution_date()
    {
        // Only ticket 6 (resolved 2025-03-03 18:00) and 7 (2025-03-05 04:00) fall before 2025-03-06.
        var rows = Rows(await data.RunAsync("resolution-times", new ReportFilter(Toulouse, Helpdesk, MarchFrom, new DateOnly(2025, 3, 6))));

        var helpdesk = Assert.Single(rows);
        Assert.Equal((2L, 15m, 19m), ((long)helpdesk["resolved_count"]!, helpdesk["resolve_median_hours"], helpdesk["resolve_p90_hours"]));
    }

    [Fact]
    public async Task All_time_resolution_times_come_from_the_materialized_view_with_the_same_figures()
    {
        // Every finished Toulouse ticket is in March 2025: all time (materialized) equals March (live).
        var allTime = Rows(await data.RunAsync("resolution-times", ToulouseAllTime));
        var march = Rows(await data.RunAsync("resolution-times", ToulouseMarch));

        Assert.Equal(march.Select(r => string.Join("|", r.Values)), allTime.Select(r => string.Join("|", r.Values)));
        Assert.Equal(37m, allTime.Single(r => (long?)r["team_id"] == Helpdesk)["resolve_p90_hours"]);
    }

    [Fact]
    public async Task Closure_origin_counts_the_connector_flag_and_autoclose_audit_rows_as_automatic()
    {
        var rows = Rows(await data.RunAsync("closure-origin", ToulouseMarch));

        Assert.Equal([("requester", 2L), ("automatic", 2L)], rows.Select(r => ((string)r["origin"]!, (long)r["tickets"]!)));
    }

    [Fact]
    public async Task Moves_count_done_dispatches_and_transfers_only()
    {
        var rows = Rows(await data.RunAsync("moves", ToulouseMarch));

        Assert.Equal(
            [("team", "HELPDESK", "PILOTES", "", 2L), ("academy", "HELPDESK", "DSI Plateforme Assistance MPL", "montpellier", 1L)],
            rows.Select(r => ((string)r["move_kind"]!, (string)r["from_team"]!, (string)r["to_team"]!, (string)r["target_academy"]!, (long)r["moves"]!)));
    }

    [Fact]
    public async Task Academy_overview_across_academies()
    {
        var rows = Rows(await data.RunAsync("academies", new ReportFilter(null, From: MarchFrom, To: MarchTo)));

        Assert.Equal(
            [(Montpellier, 1L, 0L, 0L, 1L, 1L, 1L, 1L, 0L), (Toulouse, 4L, 1L, 1L, 4L, 6L, 5L, 4L, 2L)],
            rows.Select(r => ((string)r["academy_id"]!, (long)r["open_count"]!, (long)r["waiting_count"]!, (long)r["resolved_count"]!,
                (long)r["closed_count"]!, (long)r["created_in_period"]!, (long)r["resolved_in_period"]!, (long)r["closed_in_period"]!,
                (long)r["closed_auto_in_period"]!)));
    }

    [Theory]
    [MemberData(nameof(ReportNames))]
    public async Task Academy_filter_keeps_other_academies_out(string report)
    {
        var toulouse = await data.RunAsync(report, new ReportFilter(Toulouse));
        var everyAcademy = await data.RunAsync(report, new ReportFilter(null));
        var academyColumn = toulouse.Columns.ToList().IndexOf("academy_id");

        Assert.NotEmpty(toulouse.Rows);
        Assert.All(toulouse.Rows, row => Assert.Equal(Toulouse, row[academyColumn]));
        Assert.Contains(everyAcademy.Rows, row => (string)row[academyColumn]! == Montpellier);
    }

    public static TheoryData<string> ReportNames() => new(BuiltInReports.All.Select(r => r.Name));

    [Fact]
    public async Task The_stable_views_answer_for_every_academy()
    {
        await using var command = data.DataSource.CreateCommand(
            "SELECT academy_id, tickets FROM report_status_groups WHERE status_group = 'Open' ORDER BY academy_id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetInt64(1)));

        Assert.Equal([(Montpellier, 1L), (Toulouse, 4L)], rows);
    }

    [Fact]
    public async Task Materialized_reports_say_when_their_data_was_refreshed_and_live_ones_do_not()
    {
        var materialized = await data.RunAsync("weekly-flow", ToulouseAllTime);
        var live = await data.RunAsync("backlog-age", ToulouseAllTime);

        Assert.NotNull(materialized.DataAsOf);
        Assert.Equal(KnownDataSet.Now, materialized.DataAsOf!.Value); // the host's clock, not the database's
        Assert.Null(live.DataAsOf);
    }

    [Fact]
    public async Task The_migrations_apply_over_a_database_that_already_has_the_reporting_objects()
    {
        // Databases of builds before plugin migrations got these objects at start-up and have no schema_migrations row for
        // them: the host's runner applies the migrations' SQL over them, and the refresh state keeps its instants.
        var before = await data.RunAsync("weekly-flow", ToulouseAllTime);
        await using (var forget = data.DataSource.CreateCommand("DELETE FROM schema_migrations WHERE plugin = 'reporting'"))
            Assert.Equal(ReportingDataFixture.Migrations.Count, await forget.ExecuteNonQueryAsync());
        await new MigrationRunner(data.DataSource, plugins: [PluginMigrations.Of(new ReportingPlugin())],
            clock: new FakeTimeProvider(DateTimeOffset.Parse("2040-01-01T00:00:00Z", CultureInfo.InvariantCulture))).MigrateAsync();
        await using (var recorded = data.DataSource.CreateCommand("SELECT count(*) FROM schema_migrations WHERE plugin = 'reporting'"))
            Assert.Equal((long)ReportingDataFixture.Migrations.Count, (long)(await recorded.ExecuteScalarAsync())!);

        var rows = Rows(await data.RunAsync("backlog-age", ToulouseAllTime));
        Assert.Equal(5L, rows.Sum(r => (long)r["tickets"]!));
        var after = await data.RunAsync("weekly-flow", ToulouseAllTime);
        Assert.Equal(before.DataAsOf, after.DataAsOf);
        Assert.Equal(before.Rows.Count, after.Rows.Count);
    }
}
