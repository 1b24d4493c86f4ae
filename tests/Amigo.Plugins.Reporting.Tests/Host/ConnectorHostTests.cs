namespace Amigo.Plugins.Reporting.Tests.Host;

/// <summary>The plugin inside the real connector host: its API-key gate and academy scoping in front of the reports.</summary>
public class ConnectorHostTests(ReportingDataFixture data) : IClassFixture<ReportingDataFixture>, IAsyncLifetime
{
    private const string AdminKey = ConnectorHost.AdminKey;
    private const string ToulouseKey = ConnectorHost.ToulouseKey;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = ConnectorHost.Build(data.ConnectionString, web => web.UseTestServer());
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private HttpClient Client(string? key)
    {
        var client = _app.GetTestClient();
        if (key is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Fact]
    public async Task An_academy_key_reads_its_academy_and_nothing_else()
    {
        using var client = Client(ToulouseKey);

        var own = await client.GetFromJsonAsync<JsonElement>("/api/academies/toulouse/reporting/reports/status-groups");
        var other = await client.GetAsync("/api/academies/montpellier/reporting/reports/status-groups");

        Assert.Equal(4, own.GetProperty("rows")[0].GetProperty("tickets").GetInt64());
        Assert.Equal("toulouse", own.GetProperty("rows")[0].GetProperty("academy_id").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task The_admin_key_reads_every_academy_and_no_key_reads_nothing()
    {
        using var admin = Client(AdminKey);
        using var anonymous = Client(null);

        var montpellier = await admin.GetFromJsonAsync<JsonElement>("/api/academies/montpellier/reporting/reports/open-by-team-agent");
        var refused = await anonymous.GetAsync("/api/academies/toulouse/reporting/reports/status-groups");

        Assert.Equal("Dupont Léa", Assert.Single(montpellier.GetProperty("rows").EnumerateArray()).GetProperty("agent_name").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Every_academy_at_once_is_for_admin_keys_only()
    {
        // The host marks admin keys with the role ConnectorCaller.AdminRole; the plugin trusts only that role.
        using var admin = Client(AdminKey);
        using var academyKey = Client(ToulouseKey);

        var all = await admin.GetFromJsonAsync<JsonElement>("/api/academies/toulouse/reporting/reports/academies?scope=all");
        var refused = await academyKey.GetAsync("/api/academies/toulouse/reporting/reports/academies?scope=all");

        Assert.Equal("*", all.GetProperty("academy").GetString());
        Assert.Equal(["montpellier", "toulouse"],
            all.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("academy_id").GetString()).Order());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_is_served_by_the_host()
    {
        using var client = Client(ToulouseKey);

        var page = await client.GetStringAsync("/api/academies/toulouse/reporting/dashboard");

        Assert.Contains("Tableau de bord de l'assistance", page);
    }
}
