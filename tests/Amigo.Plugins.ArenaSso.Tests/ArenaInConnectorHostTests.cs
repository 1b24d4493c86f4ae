using System.Net;
using System.Text.Json;
using Amigo.Connector.Host.Hosting;
using Amigo.Connector.Simulation;
using Amigo.Connector.Testing.Postgres;
using Amigo.Plugins.ArenaSso.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Amigo.Plugins.ArenaSso.Tests;

/// <summary>
/// The plugin inside the real connector host (<c>ConnectorApplication</c>): discovered, configured per academy,
/// mapped at <c>/api/academies/{academy}/arena/</c>, reachable without the admin API key (PluginAuthenticated),
/// and still refusing untrusted callers. Provisioning itself is covered by the other tests: the shared iTop
/// simulation has no UserExternal class, and the host offers no seam to wrap its iTop client.
/// </summary>
public sealed class ArenaInConnectorHostTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly ITopSimulation _sim = ITopSimulation.Start();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = ConnectorApplication.Build([], options =>
        {
            options.ScanPluginsFolder = false;
            options.RunScheduler = false;
            options.PluginAssemblies.Add(typeof(ArenaSsoPlugin).Assembly);
            options.ConfigureWebHost = web => web.UseTestServer();
            var c = options.Configuration;
            c["Amigo:Database:ConnectionString"] = postgres.ConnectionString;
            c["Amigo:Academies:toulouse:DisplayName"] = "Académie de Toulouse";
            c["Amigo:Academies:toulouse:ITop:Url"] = _sim.Url;
            c["Amigo:Academies:toulouse:ITop:User"] = ITopSimulationOptions.Admin.Login;
            c["Amigo:Academies:toulouse:ITop:Password"] = ITopSimulationOptions.Admin.Password;
            c["Amigo:Academies:toulouse:Plugins:arena:Enabled"] = "true";
            c["Amigo:Academies:toulouse:Plugins:arena:TrustedProxies:0"] = "10.20.0.0/24";
            c["Amigo:Academies:toulouse:Plugins:arena:SharedSecret"] = ArenaScenario.Secret;
            c["Amigo:Academies:toulouse:Plugins:arena:DefaultOrganizationCode"] = "AC-TLS";
            c["Amigo:Academies:toulouse:Plugins:arena:HandoffMode"] = "Redirect";
            c["Amigo:Academies:toulouse:Plugins:arena:PortalUrl"] = "https://assistance.ac-toulouse.fr/";
        });
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
}
