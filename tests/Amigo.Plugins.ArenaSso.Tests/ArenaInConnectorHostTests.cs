using System.Net;

namespace Amigo.Plugins.ArenaSso.Tests;

/// <summary>
/// The plugin inside the real connector host (<c>ConnectorApplication</c>): discovered, configured per academy,
/// mapped at <c>/api/academies/{academy}/arena/</c>, reachable without the admin API key (PluginAuthenticated),
/// still refusing untrusted callers, and provisioning through the academy's iTop client (signed in as the bridge's
/// own REST account) with the host's PostgreSQL audit log and cross-host lock.
/// </summary>
public sealed class ArenaInConnectorHostTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly ITopSimulation _sim = ITopSimulation.Start(ArenaScenario.SimulationOptions());
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = BridgeConnectorHost.Build(postgres.ConnectionString, new Dictionary<string, string?>
        {
            ["TrustedProxies:0"] = "10.20.0.0/24",
            ["HandoffMode"] = "Redirect",
            ["PortalUrl"] = "https://assistance.ac-toulouse.fr/",
            // Every login reads iTop again, so the second login below shows that nothing is written, not just cached.
            ["CacheDuration"] = "00:00:00",
        }, web => web.UseTestServer(), (_sim.Url, ArenaScenario.BridgeUser.Login, ArenaScenario.BridgeUser.Password));
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _sim.Dispose();
    }

    private Task<HttpContext> SendAsync(string route, IPAddress remote, Dictionary<string, string?> headers) =>
        _app.GetTestServer().SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = "/api/academies/toulouse/arena/" + route;
            context.Connection.RemoteIpAddress = remote;
            foreach (var (name, value) in headers)
                if (value is not null) context.Request.Headers.Append(name, value);
        });

    [Fact]
    public async Task Whoami_answers_through_the_host_without_an_API_key()
    {
        var response = await SendAsync("whoami", ArenaScenario.Proxy, ArenaScenario.Headers(function: "DIR"));

        Assert.Equal(StatusCodes.Status200OK, response.Response.StatusCode);
        var body = (await JsonDocument.ParseAsync(response.Response.Body)).RootElement;
        Assert.Equal("toulouse", body.GetProperty("academy").GetString());
        Assert.Equal("jdupont", body.GetProperty("login").GetString());
        Assert.True(body.GetProperty("headOfEstablishment").GetBoolean());
        Assert.Empty(_sim.Calls);
    }

    [Fact]
    public async Task The_host_route_still_refuses_spoofed_and_malformed_identities_before_any_iTop_call()
    {
        var spoofed = await SendAsync("login", ArenaScenario.Stranger, ArenaScenario.Headers(login: "admin"));
        var malformed = await SendAsync("login", ArenaScenario.Proxy, ArenaScenario.Headers(lastName: "<script>alert(1)</script>"));

        Assert.Equal(StatusCodes.Status401Unauthorized, spoofed.Response.StatusCode);
        Assert.Equal(StatusCodes.Status400BadRequest, malformed.Response.StatusCode);
        Assert.Empty(_sim.Calls);
    }

    [Fact]
    public async Task A_first_login_through_the_host_provisions_iTop_and_audits_in_PostgreSQL_and_a_second_writes_nothing()
    {
        _sim.Store.AddOrganization("Académie de Toulouse", "AC-TLS");
        var lycee = _sim.Store.AddOrganization("Lycée Pierre de Fermat", "0310094J");
        var audited = await AuditRowsAsync();

        var first = await SendAsync("login", ArenaScenario.Proxy, ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status302Found, first.Response.StatusCode);
        Assert.Equal("https://assistance.ac-toulouse.fr/", first.Response.Headers.Location.ToString());
        var person = Assert.Single(_sim.Store.Ids("Person"));
        Assert.Equal(("Jeanne", "Dupont", "jeanne.dupont@ac-toulouse.fr", lycee.ToString()),
            (_sim.Store.GetField("Person", person, "first_name"), _sim.Store.GetField("Person", person, "name"),
                _sim.Store.GetField("Person", person, "email"), _sim.Store.GetField("Person", person, "org_id")));
        var account = Assert.Single(_sim.Store.Ids("UserExternal"));
        Assert.Equal(("jdupont", person.ToString()), (_sim.Store.GetField("UserExternal", account, "login"), _sim.Store.GetField("UserExternal", account, "contactid")));
        Assert.Equal(["Portal user"], _sim.Store.UserProfiles(account));
        Assert.All(_sim.CallLog, call => Assert.Equal(ArenaScenario.BridgeUser.Login, call.User));
        var rows = await AuditRowsAsync();
        Assert.Equal(
            [("provision.person.create", "Person", person, "done"), ("provision.user.create", "UserExternal", account, "done")],
            rows.Skip(audited.Count));

        var reads = _sim.CallsOf("core/get").Count;
        var writes = _sim.Calls.Count(c => (string?)c["operation"] is "core/create" or "core/update");

        var second = await SendAsync("login", ArenaScenario.Proxy, ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status302Found, second.Response.StatusCode);
        Assert.True(_sim.CallsOf("core/get").Count > reads, "the second login did not read iTop");
        Assert.Equal(writes, _sim.Calls.Count(c => (string?)c["operation"] is "core/create" or "core/update"));
        Assert.Equal(rows, await AuditRowsAsync());
    }

    private async Task<List<(string Action, string? Class, long? Key, string Outcome)>> AuditRowsAsync()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT action, itop_class, itop_key, outcome FROM audit_log WHERE academy_id = 'toulouse' AND actor = 'arena' ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string?, long?, string)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetString(3)));
        return rows;
    }
}
