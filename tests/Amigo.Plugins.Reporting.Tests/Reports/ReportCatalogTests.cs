using System.Text.RegularExpressions;
using Amigo.Plugins.Reporting.Http;
using Amigo.Plugins.Reporting.Reports;
using Amigo.Plugins.Reporting.Schema;

namespace Amigo.Plugins.Reporting.Tests.Reports;

public class ReportCatalogTests
{
    [Fact]
    public void Every_report_has_its_function_and_view_in_the_embedded_script()
    {
        foreach (var report in ReportCatalog.All)
        {
            Assert.Matches(new Regex($@"CREATE OR REPLACE FUNCTION {report.FunctionName}\(p_academy text, p_team bigint, p_from date, p_to date\)"), ReportingSchema.Script);
            Assert.Matches(new Regex($@"CREATE OR REPLACE VIEW {report.ViewName} AS SELECT \* FROM {report.FunctionName}\(NULL, NULL, NULL, NULL\)"), ReportingSchema.Script);
        }
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
