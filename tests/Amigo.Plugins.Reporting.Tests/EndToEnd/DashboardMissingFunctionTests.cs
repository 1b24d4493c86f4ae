namespace Amigo.Plugins.Reporting.Tests.EndToEnd;

/// <summary>
/// A contributed report whose SQL function is missing (retention registered, its migration not applied to this
/// database) in headless chromium: its section says what is missing, the other reports load.
/// </summary>
public class DashboardMissingFunctionTests(ReportingDataFixture data) : IClassFixture<ReportingDataFixture>, IAsyncLifetime
{
    private ReportingWebHost _host = null!;

    public async Task InitializeAsync() => _host = await ReportingWebHost.StartAsync(data.DataSource,
        services => services.AddSingleton(Amigo.Plugins.Retention.Reports.MonthlyReport.Definition));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_section_of_the_report_names_the_missing_function_and_the_other_reports_load()
    {
        await using var browser = await DashboardBrowser.LaunchAsync(ReportingWebHost.ToulouseKey);
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(_host.DashboardOf(KnownDataSet.Toulouse).ToString());
        await page.WaitForSelectorAsync("body[data-loaded]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        Assert.Empty(errors);
        Assert.Equal("with-errors", await page.GetAttributeAsync("body", "data-loaded"));
        Assert.Equal("1 rapport(s) en erreur.", await page.TextContentAsync("#status"));
        var section = await page.TextContentAsync("section[data-report='retention'] p.empty");
        Assert.StartsWith("Erreur : 503 Report 'retention' is not available: the SQL function report_retention_monthly_for", section);
        Assert.Contains("amigo db migrate", section);
        Assert.Equal(1, await page.Locator("section p.empty", new PageLocatorOptions { HasTextString = "Erreur" }).CountAsync());
        Assert.Equal(BuiltInReports.All.Count, await page.Locator("section h2").CountAsync() - 1);
        Assert.Equal("4", await page.GetAttributeAsync("svg.chart[data-report='status-groups'] rect.bar[data-label='Ouverts']", "data-value"));
    }
}
