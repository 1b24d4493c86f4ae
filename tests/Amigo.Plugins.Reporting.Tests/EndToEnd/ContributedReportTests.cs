namespace Amigo.Plugins.Reporting.Tests.EndToEnd;

/// <summary>
/// The retention plugin's contributed report inside the real connector host (both plugins loaded from their assemblies,
/// migrations applied by the host, retention enabled for Toulouse only): a real retention run anonymises Toulouse's
/// closed tickets in PostgreSQL, then the report endpoint, the CLI and the dashboard in headless chromium show them.
/// </summary>
public class ContributedReportTests(ReportingDataFixture data, ITestOutputHelper output) : IClassFixture<ReportingDataFixture>, IAsyncLifetime
{
    // The data set's host clock is 17 June 2031: every ticket closed in March 2025 is past the default 12 months.
    private static readonly DateOnly RunMonth = new(2031, 6, 1);
    private WebApplication _host = null!;
    private Uri _baseAddress = null!;
    // xunit builds the class (and runs InitializeAsync) once per test over one database: the first run anonymises, the
    // later ones find nothing left; the tests assert the first.
    private static PluginJobResult? _firstRun;
    private PluginJobResult _run = null!;

    public async Task InitializeAsync()
    {
        _host = ConnectorHost.Build(data.ConnectionString, web => web.UseKestrel().UseUrls("http://127.0.0.1:0"), withRetention: true);
        await _host.StartAsync();
        _baseAddress = new Uri(_host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var run = await _host.Services.GetRequiredService<IPluginJobInvoker>().RunAsync(
            new PluginJobInvocation(KnownDataSet.Toulouse, "retention", DryRun: false, Trigger: "test"), CancellationToken.None);
        _run = _firstRun ??= run;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = _baseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private async Task<long> AnonymisedInDatabaseAsync(string academy)
    {
        await using var command = data.DataSource.CreateCommand(
            "SELECT count(*) FROM tickets WHERE academy_id = $1 AND retention_anonymised_at IS NOT NULL AND title = '(demande anonymisée)'");
        command.Parameters.AddWithValue(academy);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_report_endpoint_serves_the_tickets_the_retention_run_anonymised_per_month()
    {
        using var toulouse = Client(ConnectorHost.ToulouseKey);
        using var admin = Client(ConnectorHost.AdminKey);

        var report = await toulouse.GetFromJsonAsync<JsonElement>("/api/academies/toulouse/reporting/reports/retention");
        var outsidePeriod = await toulouse.GetFromJsonAsync<JsonElement>("/api/academies/toulouse/reporting/reports/retention?from=2031-07-01");
        var csv = await toulouse.GetStringAsync("/api/academies/toulouse/reporting/reports/retention?format=csv");
        var montpellier = await admin.GetAsync("/api/academies/montpellier/reporting/reports/retention");
        var montpellierCatalogue = await admin.GetFromJsonAsync<JsonElement>("/api/academies/montpellier/reporting/reports");

        // Toulouse's closed tickets are 7, 8, 9 and 10 (KnownDataSet); the run and the database agree with the report.
        Assert.Equal("succeeded", _run.Outcome);
        Assert.Equal(4, _run.Counts["anonymised"]);
        Assert.Equal(4, await AnonymisedInDatabaseAsync(KnownDataSet.Toulouse));
        Assert.Equal("Tickets anonymisés par mois", report.GetProperty("title").GetString());
        Assert.Equal(["academy_id", "month", "anonymised", "deleted_in_itop"], report.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var row = Assert.Single(report.GetProperty("rows").EnumerateArray());
        Assert.Equal(("toulouse", RunMonth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 4L, 0L),
            (row.GetProperty("academy_id").GetString(), row.GetProperty("month").GetString(), row.GetProperty("anonymised").GetInt64(),
             row.GetProperty("deleted_in_itop").GetInt64()));
        Assert.Empty(outsidePeriod.GetProperty("rows").EnumerateArray());
        Assert.EndsWith("\r\ntoulouse,2031-06-01,4,0\r\n", csv);

        // Montpellier does not enable retention: no report there, and its closed ticket kept its data.
        Assert.Equal(HttpStatusCode.NotFound, montpellier.StatusCode);
        Assert.Contains("not enabled for academy 'montpellier'", await montpellier.Content.ReadAsStringAsync());
        Assert.DoesNotContain("retention", montpellierCatalogue.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(0, await AnonymisedInDatabaseAsync(KnownDataSet.Montpellier));
    }

    [Fact]
    public async Task The_cli_lists_and_prints_the_contributed_report_where_its_plugin_is_enabled()
    {
        async Task<(int Exit, string Output, string Error)> RunAsync(params string[] arguments)
        {
            var root = new RootCommand("amigo");
            foreach (var command in new ReportingPlugin().CreateCommands(_host.Services))
                root.Subcommands.Add(command);
            var (outText, errText) = (new StringWriter(), new StringWriter());
            var exit = await root.Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = outText, Error = errText });
            return (exit, outText.ToString(), errText.ToString());
        }

        var list = await RunAsync("report");
        var toulouse = await RunAsync("report", "retention", "--academy", "toulouse", "--format", "csv");
        var montpellier = await RunAsync("report", "retention", "--academy", "montpellier");

        Assert.Matches(@"retention\s+report_retention_monthly\s+.*\(plugin retention\)", list.Output);
        Assert.Equal((0, "academy_id,month,anonymised,deleted_in_itop\r\ntoulouse,2031-06-01,4,0\r\n"), (toulouse.Exit, toulouse.Output));
        Assert.Equal(2, montpellier.Exit);
        Assert.Contains("plugin 'retention', which is not enabled for academy 'montpellier'", montpellier.Error);
    }

    [Fact]
    public async Task The_dashboard_lists_and_charts_the_contributed_report_only_where_its_plugin_is_enabled()
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Api-Key"] = ConnectorHost.ToulouseKey });

        await page.GotoAsync(new Uri(_baseAddress, "/api/academies/toulouse/reporting/dashboard").ToString());
        await page.WaitForSelectorAsync("body[data-loaded]", new PageWaitForSelectorOptions { Timeout = 30_000 });

        Assert.Equal("true", await page.GetAttributeAsync("body", "data-loaded"));
        Assert.Empty(errors);
        var sections = await page.Locator("main > section").EvaluateAllAsync<string[]>("s => s.map(x => x.dataset.report)");
        Assert.Equal([.. BuiltInReports.All.Select(r => r.Name), "retention"], sections);
        Assert.Equal("Tickets anonymisés par mois", await page.TextContentAsync("section[data-report='retention'] h2"));
        var bars = (await page.Locator("svg.chart[data-report='retention'] rect.bar").EvaluateAllAsync<string[][]>(
            "bars => bars.map(b => [b.dataset.label, b.dataset.series, b.dataset.value])")).Select(b => (b[0], b[1], b[2]));
        Assert.Equal([("juin 2031", "anonymised", "4"), ("juin 2031", "deleted_in_itop", "0")], bars);
        Assert.Equal(["Académie", "Mois", "Anonymisés", "Supprimés dans iTop"],
            await page.Locator("section[data-report='retention'] th").AllTextContentsAsync());
        var screenshot = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots", "reporting-dashboard-retention.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.Locator("section[data-report='retention']").ScreenshotAsync(new LocatorScreenshotOptions { Path = screenshot });
        output.WriteLine($"Screenshot: {screenshot}");

        // Montpellier (admin key) does not enable retention: the dashboard leaves the report out and loads without error.
        var other = await browser.NewPageAsync();
        await other.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Api-Key"] = ConnectorHost.AdminKey });
        await other.GotoAsync(new Uri(_baseAddress, "/api/academies/montpellier/reporting/dashboard").ToString());
        await other.WaitForSelectorAsync("body[data-loaded]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Equal("true", await other.GetAttributeAsync("body", "data-loaded"));
        Assert.Equal(BuiltInReports.All.Count, await other.Locator("main > section").CountAsync());
        Assert.Equal(0, await other.Locator("section[data-report='retention']").CountAsync());
    }

    [Fact]
    public async Task A_contributed_report_whose_name_is_taken_is_reported_failed_when_the_host_starts()
    {
        var clash = new ContributedReport("clashing", "retention", "report_clashing_monthly", "Doublon", "A report whose name retention already uses.",
            "month", Amigo.Plugins.Retention.Reports.MonthlyReport.Definition.Chart);
        await using var host = ConnectorHost.Build(data.ConnectionString, web => web.UseTestServer(), withRetention: true, services => services.AddSingleton(clash));
        await host.StartAsync();

        // 503: the academies' iTop does not answer here; the plugin services are listed all the same.
        var health = await (await host.GetTestClient().GetAsync("/health")).Content.ReadFromJsonAsync<JsonElement>();
        var check = health.GetProperty("pluginServices").EnumerateArray()
            .Single(service => service.GetProperty("service").GetString() == "ReportCatalogStartupCheck");
        Assert.Equal(("reporting", "failed"), (check.GetProperty("plugin").GetString(), check.GetProperty("state").GetString()));
        Assert.Contains("Plugin 'clashing' contributes report 'retention', a name already taken by plugin 'retention'.", check.GetProperty("error").GetString());
    }
}
