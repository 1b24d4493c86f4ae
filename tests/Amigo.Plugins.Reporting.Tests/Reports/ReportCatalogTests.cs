namespace Amigo.Plugins.Reporting.Tests.Reports;

public class ReportCatalogTests
{
    [Fact]
    public void Every_report_has_its_function_and_view_in_the_embedded_migrations()
    {
        foreach (var report in BuiltInReports.All)
        {
            // A report whose figures depend on "now" takes the host's time as a fifth argument (one clock).
            var asOf = report.AsOfNow ? ", p_now timestamptz" : "";
            var viewAsOf = report.AsOfNow ? @", now\(\)" : "";
            Assert.Matches(new Regex($@"CREATE OR REPLACE FUNCTION {report.FunctionName}\(p_academy text, p_team bigint, p_from date, p_to date{asOf}\)"), ReportingDataFixture.Script);
            Assert.Matches(new Regex($@"CREATE OR REPLACE VIEW {report.ViewName} AS SELECT \* FROM {report.FunctionName}\(NULL, NULL, NULL, NULL{viewAsOf}\)"), ReportingDataFixture.Script);
        }
    }

    [Fact]
    public void Only_the_views_for_external_tools_read_the_database_clock()
    {
        // Everything the connector runs takes the host's time as a parameter; now() is left to the stable views
        // that Grafana / Metabase query directly (they have no host clock).
        var uses = Regex.Matches(ReportingDataFixture.Script, @"^.*\b(now\(\)|current_date|current_timestamp|localtimestamp)", RegexOptions.Multiline | RegexOptions.IgnoreCase)
            .Select(m => m.Value.Trim()).Where(line => !line.StartsWith("--", StringComparison.Ordinal)).ToList();
        Assert.All(uses, line => Assert.StartsWith("CREATE OR REPLACE VIEW report_", line));
        Assert.Single(uses);
    }

    [Fact]
    public void Names_are_unique_url_safe_and_found_case_insensitively()
    {
        Assert.Equal(BuiltInReports.All.Count, BuiltInReports.All.Select(r => r.Name).Distinct().Count());
        Assert.All(BuiltInReports.All, r => Assert.Matches("^[a-z][a-z-]*$", r.Name));
        Assert.Same(BuiltInReports.All[1], BuiltInReports.Find(BuiltInReports.All[1].Name.ToUpperInvariant()));
        Assert.Null(BuiltInReports.Find("report_open_by_team_agent; DROP TABLE tickets"));
    }

    [Fact]
    public void The_dashboard_is_embedded_and_asks_for_every_report()
    {
        Assert.Contains("dashboard.html", DashboardAssets.Names);
        var script = System.Text.Encoding.UTF8.GetString(DashboardAssets.Find("dashboard.js")!);
        Assert.All(BuiltInReports.All, report => Assert.Contains($"name: '{report.Name}'", script));
        Assert.Null(DashboardAssets.Find("../ReportingPlugin.cs"));
    }

    [Fact]
    public void The_script_is_free_of_external_urls()
    {
        foreach (var name in DashboardAssets.Names)
            Assert.DoesNotMatch("https?://(?!www\\.w3\\.org/2000/svg)", System.Text.Encoding.UTF8.GetString(DashboardAssets.Find(name)!));
    }
    private static ContributedReport Contributed(string plugin, string name, string view) =>
        new(plugin, name, view, "Titre", "What it counts.", "day of the event", new ReportChart(new ReportColumn("month", "Mois"), new ReportColumn("tickets", "Tickets")));

    [Fact]
    public void The_catalog_holds_the_built_in_reports_then_the_contributed_ones()
    {
        var catalog = new ReportCatalog([Amigo.Plugins.Retention.Reports.MonthlyReport.Definition], KnownDataSet.Registry());

        Assert.Equal([.. BuiltInReports.All.Select(r => r.Name), "retention"], catalog.All.Select(r => r.Name));
        var retention = catalog.Find("RETENTION")!;
        Assert.Equal(("retention", "report_retention_monthly_for", "Tickets anonymisés par mois", false),
            (retention.PluginId, retention.FunctionName, retention.Title, retention.Materialized));
        Assert.Equal(["anonymised", "deleted_in_itop"], retention.Chart!.Series.Select(s => s.Name));
        Assert.Same(BuiltInReports.All[0], catalog.Find(BuiltInReports.All[0].Name));
        Assert.All(BuiltInReports.All, r => Assert.Null(r.PluginId));
    }

    [Fact]
    public void The_retention_plugin_registers_its_report_and_its_migration_creates_the_function_and_the_view()
    {
        var services = new ServiceCollection();
        new Amigo.Plugins.Retention.RetentionPlugin().ConfigureServices(services);
        var report = Assert.Single(services.Select(d => d.ImplementationInstance).OfType<ContributedReport>());
        var sql = string.Join("\n", Amigo.Connector.Data.Migrations.PluginMigrations.Of(new Amigo.Plugins.Retention.RetentionPlugin()).Migrations.Select(m => m.Sql));

        Assert.Equal(("retention", "retention"), (report.PluginId, report.Name));
        Assert.Matches(new Regex($@"CREATE OR REPLACE FUNCTION {report.FunctionName}\(p_academy text, p_team bigint, p_from date, p_to date\)\s+RETURNS TABLE \(academy_id text, {report.Chart.Label.Name} date, {string.Join(", ", report.Chart.Series.Select(s => s.Name + " bigint"))}\)"), sql);
        Assert.Matches(new Regex($@"CREATE OR REPLACE VIEW {report.ViewName} AS\s+SELECT \* FROM {report.FunctionName}\(NULL, NULL, NULL, NULL\)"), sql);
    }

    [Fact]
    public async Task A_contributed_report_is_offered_only_where_its_plugin_is_enabled()
    {
        var catalog = new ReportCatalog([Contributed("stats", "stats-per-month", "report_stats_monthly")], KnownDataSet.Registry(ReportingPlugin.PluginId));
        var enabled = new ReportCatalog([Contributed("stats", "stats-per-month", "report_stats_monthly")], KnownDataSet.Registry(ReportingPlugin.PluginId, "stats"));

        Assert.DoesNotContain("stats-per-month", (await catalog.OfferedAsync(KnownDataSet.Toulouse, CancellationToken.None)).Select(r => r.Name));
        Assert.Equal(BuiltInReports.All.Count, (await catalog.OfferedAsync(KnownDataSet.Toulouse, CancellationToken.None)).Count);
        Assert.Contains("stats-per-month", (await catalog.OfferedAsync(null, CancellationToken.None)).Select(r => r.Name));
        Assert.Contains("stats-per-month", (await enabled.OfferedAsync(KnownDataSet.Toulouse, CancellationToken.None)).Select(r => r.Name));
        Assert.Contains("'stats'", ReportCatalog.NotOfferedReason(catalog.Find("stats-per-month")!, KnownDataSet.Toulouse));
    }

    [Fact]
    public void A_contributed_name_or_view_already_taken_is_refused_naming_both_owners()
    {
        var builtInName = Assert.Throws<InvalidOperationException>(() =>
            new ReportCatalog([Contributed("stats", "moves", "report_stats_moves")], KnownDataSet.Registry()));
        var twice = Assert.Throws<InvalidOperationException>(() =>
            new ReportCatalog([Contributed("stats", "per-month", "report_stats_a"), Contributed("other", "per-month", "report_other_b")], KnownDataSet.Registry()));
        var builtInView = Assert.Throws<InvalidOperationException>(() =>
            new ReportCatalog([Contributed("stats", "my-moves", "report_moves")], KnownDataSet.Registry()));

        Assert.Contains("the reporting plugin", builtInName.Message);
        Assert.Contains("'other'", twice.Message);
        Assert.Contains("plugin 'stats'", twice.Message);
        Assert.Contains("report_moves", builtInView.Message);
    }

    [Theory]
    [InlineData("Stats", "per-month", "report_stats", "pluginId")]
    [InlineData("stats", "per month", "report_stats", "name")]
    [InlineData("stats", "per-month", "report_stats; DROP TABLE tickets", "viewName")]
    [InlineData("stats", "per-month", "report_a_view_name_far_too_long_for_postgresql_with_its_suffix_", "viewName")]
    public void A_contributed_report_with_a_bad_name_is_refused_when_built(string plugin, string name, string view, string parameter)
    {
        var error = Assert.Throws<ArgumentException>(() => Contributed(plugin, name, view));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void A_chart_needs_series_and_sql_column_names_with_french_labels()
    {
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => new ReportChart(new ReportColumn("month", "Mois"))).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new ReportColumn("Month\"", "Mois")).ParamName);
        Assert.Equal("label", Assert.Throws<ArgumentException>(() => new ReportColumn("month", " ")).ParamName);
        Assert.Equal("series", Assert.Throws<ArgumentException>(() =>
            new ReportChart(new ReportColumn("month", "Mois"), new ReportColumn("n", "N"), new ReportColumn("n", "N bis"))).ParamName);
    }
}
