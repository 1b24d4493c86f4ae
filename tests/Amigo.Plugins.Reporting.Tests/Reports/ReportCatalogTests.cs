namespace Amigo.Plugins.Reporting.Tests.Reports;

public class ReportCatalogTests
{
    [Fact]
    public void Every_report_has_its_function_and_view_in_the_embedded_migrations()
    {
        foreach (var report in ReportCatalog.All)
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
        Assert.Equal(ReportCatalog.All.Count, ReportCatalog.All.Select(r => r.Name).Distinct().Count());
        Assert.All(ReportCatalog.All, r => Assert.Matches("^[a-z][a-z-]*$", r.Name));
        Assert.Same(ReportCatalog.All[1], ReportCatalog.Find(ReportCatalog.All[1].Name.ToUpperInvariant()));
        Assert.Null(ReportCatalog.Find("report_open_by_team_agent; DROP TABLE tickets"));
    }

    [Fact]
    public void The_dashboard_is_embedded_and_asks_for_every_report()
    {
        Assert.Contains("dashboard.html", DashboardAssets.Names);
        var script = System.Text.Encoding.UTF8.GetString(DashboardAssets.Find("dashboard.js")!);
        Assert.All(ReportCatalog.All, report => Assert.Contains($"name: '{report.Name}'", script));
        Assert.Null(DashboardAssets.Find("../ReportingPlugin.cs"));
    }

    [Fact]
    public void The_script_is_free_of_external_urls()
    {
        foreach (var name in DashboardAssets.Names)
            Assert.DoesNotMatch("https?://(?!www\\.w3\\.org/2000/svg)", System.Text.Encoding.UTF8.GetString(DashboardAssets.Find(name)!));
    }
}
