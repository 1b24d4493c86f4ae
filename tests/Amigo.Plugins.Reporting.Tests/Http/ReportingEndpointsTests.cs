namespace Amigo.Plugins.Reporting.Tests.Http;

public class ReportingEndpointsTests(ReportingDataFixture data) : IClassFixture<ReportingDataFixture>, IAsyncLifetime
{
    private ReportingWebHost _host = null!;

    // Two contributed reports: retention's (enabled, but its migration is not applied to this database) and one of a
    // plugin no academy enables.
    private static readonly ContributedReport Disabled = new("stats", "stats-per-month", "report_stats_monthly", "Statistiques",
        "A report of a plugin no academy enables.", "day", new ReportChart(new ReportColumn("month", "Mois"), new ReportColumn("tickets", "Tickets")));

    public async Task InitializeAsync() => _host = await ReportingWebHost.StartAsync(data.DataSource, services =>
    {
        services.AddSingleton(Amigo.Plugins.Retention.Reports.MonthlyReport.Definition);
        services.AddSingleton(Disabled);
        services.AddSingleton<IAcademyRegistry>(KnownDataSet.Registry(ReportingPlugin.PluginId, "retention"));
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = _host.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Fact]
    public async Task Json_report_of_the_academy_of_the_key()
    {
        using var client = Client(ReportingWebHost.ToulouseKey);

        var json = await client.GetFromJsonAsync<JsonElement>("/api/academies/toulouse/reporting/reports/backlog-age");

        Assert.Equal("toulouse", json.GetProperty("academy").GetString());
        Assert.Equal("Ancienneté des tickets en cours", json.GetProperty("title").GetString());
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["< 1 j", "1–7 j", "7–30 j", "> 30 j"], rows.Select(r => r.GetProperty("age_bucket").GetString()));
        Assert.Equal([1, 1, 1, 2], rows.Select(r => r.GetProperty("tickets").GetInt64()));
    }

    [Fact]
    public async Task Filters_team_and_period_reach_the_report()
    {
        using var client = Client(ReportingWebHost.ToulouseKey);

        var json = await client.GetFromJsonAsync<JsonElement>(
            "/api/academies/toulouse/reporting/reports/resolution-times?team=10&from=2025-03-01&to=2025-03-06");

        var row = Assert.Single(json.GetProperty("rows").EnumerateArray());
        Assert.Equal(2, row.GetProperty("resolved_count").GetInt64());
        Assert.Equal(15m, row.GetProperty("resolve_median_hours").GetDecimal());
    }

    [Fact]
    public async Task An_academy_key_cannot_read_another_academy_nor_every_academy()
    {
        using var client = Client(ReportingWebHost.ToulouseKey);

        var other = await client.GetAsync("/api/academies/montpellier/reporting/reports/status-groups");
        var all = await client.GetAsync("/api/academies/toulouse/reporting/reports/status-groups?scope=all");

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, all.StatusCode);
        Assert.Contains("admin", await all.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_admin_key_sees_every_academy_with_scope_all()
    {
        using var client = Client(ReportingWebHost.AdminKey);

        var json = await client.GetFromJsonAsync<JsonElement>("/api/academies/toulouse/reporting/reports/academies?scope=all");

        Assert.Equal("*", json.GetProperty("academy").GetString());
        Assert.Equal(["montpellier", "toulouse"],
            json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("academy_id").GetString()));
    }

    [Fact]
    public async Task Csv_export_escapes_french_text_and_starts_with_a_bom()
    {
        using var client = Client(ReportingWebHost.ToulouseKey);

        var response = await client.GetAsync("/api/academies/toulouse/reporting/reports/open-by-establishment?format=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("academy_id,establishment_uai,org_name,open_count,waiting_count,shared_count,total\r\n", text);
        Assert.Contains("toulouse,0310094J,\"Lycée Pierre de Fermat, Toulouse\",1,1,1,2\r\n", text);
        Assert.Contains("toulouse,0311240E,\"Collège \"\"Les Arènes\"\"\",2,0,1,2\r\n", text);
    }

    [Theory]
    [InlineData("reports/weekly-flow?from=2025-02-30", HttpStatusCode.BadRequest, "from")]
    [InlineData("reports/weekly-flow?team=x", HttpStatusCode.BadRequest, "team")]
    [InlineData("reports/weekly-flow?format=xml", HttpStatusCode.BadRequest, "format")]
    [InlineData("reports/weekly-flow?scope=world", HttpStatusCode.BadRequest, "scope")]
    [InlineData("reports/nope", HttpStatusCode.NotFound, "open-by-team-agent")]
    public async Task Bad_requests_get_a_clear_error(string path, HttpStatusCode status, string mentioned)
    {
        using var client = Client(ReportingWebHost.ToulouseKey);

        var response = await client.GetAsync("/api/academies/toulouse/reporting/" + path);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(mentioned, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Dashboard_and_assets_are_served_from_the_plugin()
    {
        using var client = Client(ReportingWebHost.ToulouseKey);

        var page = await client.GetAsync("/api/academies/toulouse/reporting/dashboard");
        var script = await client.GetAsync("/api/academies/toulouse/reporting/assets/dashboard.js");
        var missing = await client.GetAsync("/api/academies/toulouse/reporting/assets/chart.min.js");

        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Tableau de bord de l'assistance", await page.Content.ReadAsStringAsync());
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_catalogue_lists_the_contributed_reports_of_the_plugins_the_academy_enables()
    {
        using var client = Client(ReportingWebHost.ToulouseKey);

        var catalogue = (await client.GetFromJsonAsync<JsonElement>("/api/academies/toulouse/reporting/reports")).EnumerateArray().ToList();

        Assert.Equal([.. BuiltInReports.All.Select(r => r.Name), "retention"], catalogue.Select(r => r.GetProperty("name").GetString()));
        var retention = catalogue[^1];
        Assert.Equal(("retention", "report_retention_monthly", "Tickets anonymisés par mois"),
            (retention.GetProperty("plugin").GetString(), retention.GetProperty("view").GetString(), retention.GetProperty("title").GetString()));
        Assert.Equal("month", retention.GetProperty("chart").GetProperty("label").GetProperty("column").GetString());
        Assert.Equal(["Anonymisés", "Supprimés dans iTop"],
            retention.GetProperty("chart").GetProperty("series").EnumerateArray().Select(s => s.GetProperty("title").GetString()));
        Assert.Equal(JsonValueKind.Null, catalogue[0].GetProperty("plugin").ValueKind);
    }

    [Fact]
    public async Task A_contributed_report_of_a_plugin_the_academy_does_not_enable_is_not_found_and_says_why()
    {
        using var client = Client(ReportingWebHost.ToulouseKey);

        var response = await client.GetAsync("/api/academies/toulouse/reporting/reports/stats-per-month");
        var unknown = await client.GetAsync("/api/academies/toulouse/reporting/reports/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("plugin 'stats', which is not enabled for academy 'toulouse'", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("stats-per-month", await unknown.Content.ReadAsStringAsync());
        Assert.Contains("retention", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_report_whose_sql_function_is_missing_answers_a_clear_problem_without_a_stack()
    {
        using var client = Client(ReportingWebHost.ToulouseKey);

        var response = await client.GetAsync("/api/academies/toulouse/reporting/reports/retention");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var detail = problem.GetProperty("detail").GetString()!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("report_retention_monthly_for(academy, team, from, to) does not exist", detail);
        Assert.Contains("plugin 'retention'", detail);
        Assert.Contains("amigo db migrate", detail);
        Assert.DoesNotContain(" at ", detail);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/academies/toulouse/reporting/reports/moves")).StatusCode);
    }
}
