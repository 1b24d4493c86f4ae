using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amigo.Connector.Host.Hosting;
using Amigo.Plugins.Reporting.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Amigo.Plugins.Reporting.Tests.Host;

/// <summary>The plugin inside the real connector host: its API-key gate and academy scoping in front of the reports.</summary>
public class ConnectorHostTests(ReportingDataFixture data) : IClassFixture<ReportingDataFixture>, IAsyncLifetime
{
    private const string AdminKey = "admin-key-0123456789abcdef";
    private const string ToulouseKey = "toulouse-key-0123456789abcdef";
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Amigo:Database:ConnectionString"] = data.ConnectionString,
            ["Amigo:ApiKeys:0:Name"] = "ops",
            ["Amigo:ApiKeys:0:Key"] = AdminKey,
            ["Amigo:ApiKeys:0:Admin"] = "true",
            ["Amigo:ApiKeys:1:Name"] = "toulouse-manager",
            ["Amigo:ApiKeys:1:Key"] = ToulouseKey,
            ["Amigo:ApiKeys:1:Academy"] = "toulouse",
        };
        foreach (var academy in new[] { KnownDataSet.Toulouse, KnownDataSet.Montpellier })
        {
            configuration[$"Amigo:Academies:{academy}:DisplayName"] = "Académie de " + academy;
            configuration[$"Amigo:Academies:{academy}:ITop:Url"] = "http://127.0.0.1:9/";
            configuration[$"Amigo:Academies:{academy}:ITop:User"] = "connector";
            configuration[$"Amigo:Academies:{academy}:ITop:Password"] = "secret";
            configuration[$"Amigo:Academies:{academy}:Plugins:reporting:Enabled"] = "true";
        }
        _app = ConnectorApplication.Build([], options =>
        {
            options.ScanPluginsFolder = false;
            options.PluginAssemblies.Add(typeof(ReportingPlugin).Assembly);
            options.RunScheduler = false;
            options.ConfigureWebHost = web => web.UseTestServer();
            foreach (var (key, value) in configuration)
                options.Configuration[key] = value;
        });
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
        Assert.True(other.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"got {other.StatusCode}");
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
    public async Task The_dashboard_is_served_by_the_host()
    {
        using var client = Client(ToulouseKey);

        var page = await client.GetStringAsync("/api/academies/toulouse/reporting/dashboard");

        Assert.Contains("Tableau de bord de l'assistance", page);
    }
}
