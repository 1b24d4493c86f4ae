namespace Amigo.Connector.Host.Tests.Hardening;

/// <summary>The demo's keyless loopback access opens the dashboard's own reads and nothing else.</summary>
public sealed class DemoDashboardAccessTests
{
    [Theory]
    [InlineData("GET", "/api/academies/toulouse/reporting/")]
    [InlineData("GET", "/api/academies/toulouse/reporting")]
    [InlineData("GET", "/api/academies/toulouse/reporting/dashboard")]
    [InlineData("HEAD", "/api/academies/toulouse/reporting/dashboard")]
    [InlineData("GET", "/api/academies/toulouse/reporting/assets/dashboard.js")]
    [InlineData("GET", "/api/academies/toulouse/reporting/reports")]
    [InlineData("GET", "/api/academies/montpellier/reporting/reports/weekly_flow")]
    public void The_dashboard_and_its_data_are_opened(string method, string path) =>
        Assert.True(DemoDashboardAccess.IsDashboardRequest(method, new PathString(path)));

    [Theory]
    [InlineData("POST", "/api/academies/toulouse/plugins/reporting/disable")]
    [InlineData("GET", "/api/academies/toulouse/plugins/reporting/disable")]
    [InlineData("POST", "/api/academies/toulouse/reporting/reports/weekly_flow")]
    [InlineData("DELETE", "/api/academies/toulouse/reporting/dashboard")]
    [InlineData("GET", "/api/academies/toulouse/jobs/runs")]
    [InlineData("GET", "/api/academies/toulouse/autoclose/decisions")]
    [InlineData("GET", "/api/academies/toulouse/reporting/reports/weekly_flow/extra")]
    [InlineData("GET", "/api/academies/toulouse/reporting/admin")]
    [InlineData("GET", "/api/academies//reporting/dashboard")]
    [InlineData("GET", "/other/api/academies/toulouse/reporting/dashboard")]
    public void Nothing_else_is(string method, string path) =>
        Assert.False(DemoDashboardAccess.IsDashboardRequest(method, new PathString(path)));
}
