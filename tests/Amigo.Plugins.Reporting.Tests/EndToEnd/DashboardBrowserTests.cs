namespace Amigo.Plugins.Reporting.Tests.EndToEnd;

/// <summary>Opens the French dashboard, served by the connector host, in Debian's headless chromium, driven by Playwright, and reads the drawn charts.</summary>
public class DashboardBrowserTests(ReportingDataFixture data, ITestOutputHelper output) : IClassFixture<ReportingDataFixture>, IAsyncLifetime
{
    private WebApplication _host = null!;
    private Uri _baseAddress = null!;
    private DashboardBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        // The real connector host on Kestrel at 127.0.0.1: its API-key gate runs before the plugin's endpoints.
        _host = ConnectorHost.Build(data.ConnectionString, web => web.UseKestrel().UseUrls("http://127.0.0.1:0"));
        await _host.StartAsync();
        _baseAddress = new Uri(_host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _browser = await DashboardBrowser.LaunchAsync(ConnectorHost.ToulouseKey);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _host.DisposeAsync();
    }

    private string Dashboard(string academy) => new Uri(_baseAddress, $"/api/academies/{academy}/reporting/dashboard").ToString();

    private static async Task<IReadOnlyList<(string Label, string Series, string Value)>> BarsAsync(IPage page, string report) =>
        (await page.Locator($"svg.chart[data-report='{report}'] rect.bar").EvaluateAllAsync<string[][]>(
            "bars => bars.map(b => [b.dataset.label, b.dataset.series, b.dataset.value])"))
        .Select(bar => (bar[0], bar[1], bar[2])).ToList();

    [Fact]
    public async Task Charts_render_the_figures_of_the_synced_data_and_a_screenshot_is_saved()
    {
        var page = await _browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(Dashboard(KnownDataSet.Toulouse));
        await page.WaitForSelectorAsync("body[data-loaded]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        Assert.Equal("true", await page.GetAttributeAsync("body", "data-loaded"));
        Assert.Empty(errors);
        Assert.Equal("Rapports chargés.", await page.TextContentAsync("#status"));
        Assert.Equal(
            [("Ouverts", "4"), ("En attente", "1"), ("Bénéficiaire", "2"), ("Partagés", "2"), ("Résolus", "1"), ("Fermés", "4"), ("Autres", "1")],
            (await BarsAsync(page, "status-groups")).Select(bar => (bar.Label, bar.Value)));
        Assert.Equal([("< 1 j", "1"), ("1–7 j", "1"), ("7–30 j", "1"), ("> 30 j", "2")],
            (await BarsAsync(page, "backlog-age")).Select(bar => (bar.Label, bar.Value)));
        Assert.Contains(("HELPDESK — Diabaté Suzanne", "open_count", "1"), await BarsAsync(page, "open-by-team-agent"));
        Assert.Contains(("HELPDESK", "resolve_median_hours", "25"), await BarsAsync(page, "resolution-times"));
        Assert.Contains(("HELPDESK", "resolve_p90_hours", "37"), await BarsAsync(page, "resolution-times"));
        Assert.Contains(("Fermé automatiquement", "tickets", "2"), await BarsAsync(page, "closure-origin"));
        // The bars are drawn to scale: Ouverts (4) is four times as long as En attente (1).
        var widths = await page.Locator("svg.chart[data-report='status-groups'] rect.bar").EvaluateAllAsync<double[]>(
            "bars => bars.map(b => b.getBBox().width)");
        Assert.Equal(4 * widths[1], widths[0], 0);
        Assert.Equal("Tickets affectés à mes équipes par agent", await page.TextContentAsync("section[data-report='open-by-team-agent'] h2"));

        var screenshot = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots", "reporting-dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
        output.WriteLine($"Screenshot: {screenshot}");
    }

    [Fact]
    public async Task The_filter_form_reloads_the_charts_for_one_team()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(Dashboard(KnownDataSet.Toulouse));
        await page.WaitForSelectorAsync("body[data-loaded]");

        await page.EvaluateAsync("document.body.removeAttribute('data-loaded')");
        await page.FillAsync("input[name=team]", KnownDataSet.Pilotes.ToString());
        await page.ClickAsync("#filters button");
        await page.WaitForSelectorAsync("body[data-loaded]");

        Assert.Equal([("PILOTES — Martin Louis", "2")],
            (await BarsAsync(page, "open-by-team-agent")).Where(b => b.Series == "open_count").Select(b => (b.Label, b.Value)));
        Assert.Equal("2", (await BarsAsync(page, "status-groups")).Single(b => b.Label == "Ouverts").Value);
    }
}
