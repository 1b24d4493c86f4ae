namespace Amigo.Plugins.ArenaSso.Tests;

/// <summary>The deployment check <c>amigo check</c> calls: is iTop served under the bridge's path, linking back through it?</summary>
public sealed class ArenaPortalProbeTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string Page = "/api/academies/toulouse/arena/portal/pages/exec.php";
    private readonly WireMockServer _itopWeb = WireMockServer.Start();

    public void Dispose() => _itopWeb.Dispose();

    private async Task<ArenaPortalCheck> ProbeAsync()
    {
        var academy = BridgeHost.Academy("toulouse", null!, new Dictionary<string, string?>
        {
            ["TrustedProxies:0"] = "10.20.0.0/24",
            ["SharedSecret"] = ArenaScenario.Secret,
            ["DefaultOrganizationCode"] = "AC-TLS",
            ["HandoffMode"] = "ReverseProxy",
            ["ITopWebUrl"] = _itopWeb.Url + "/",
        });
        return await ArenaPortalProbe.ProbeAsync(academy);
    }

    [Fact]
    public async Task iTop_served_under_the_bridge_path_and_linking_back_through_it_passes()
    {
        _itopWeb.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithStatusCode(200)
            .WithBody("<link href=\"https://assistance.ac-toulouse.fr/api/academies/toulouse/arena/portal/css/portal.css\">"));

        var check = await ProbeAsync();

        Assert.True(check.Ok, check.Summary);
        Assert.Null(check.Fix);
        Assert.Equal(ArenaPortalProbe.UserAgent, _itopWeb.LogEntries.Single().RequestMessage.Headers!["User-Agent"].ToString());
    }

    [Fact]
    public async Task iTop_not_served_under_the_bridge_path_fails_with_the_web_server_fix()
    {
        _itopWeb.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(404));

        var check = await ProbeAsync();

        Assert.False(check.Ok);
        Assert.Contains("404", check.Summary);
        Assert.Contains("alias", check.Fix);
        Assert.Contains("app_root_url", check.Fix);
    }

    [Fact]
    public async Task Pages_linking_to_iTop_s_own_address_fail_with_the_app_root_url_fix()
    {
        _itopWeb.Given(Request.Create().WithPath(Page)).RespondWith(Response.Create().WithStatusCode(200)
            .WithBody($"<link href=\"{_itopWeb.Url}/api/academies/toulouse/arena/portal/css/portal.css\">"));

        var check = await ProbeAsync();

        Assert.False(check.Ok);
        Assert.Contains("app_root_url", check.Fix);
    }

    [Fact]
    public async Task An_unreachable_iTop_fails_without_throwing()
    {
        _itopWeb.Stop();

        var check = await ProbeAsync();

        Assert.False(check.Ok);
        Assert.Contains("did not answer", check.Summary);
    }

    [Fact]
    public async Task The_host_checks_the_deployment_at_start_without_any_request()
    {
        _itopWeb.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(404));
        await using var app = BridgeConnectorHost.Build(postgres.ConnectionString, new Dictionary<string, string?> { ["ITopWebUrl"] = _itopWeb.Url + "/" });
        await app.StartAsync();

        for (var i = 0; i < 100 && !_itopWeb.LogEntries.Any(); i++) await Task.Delay(100);

        var probe = Assert.Single(_itopWeb.LogEntries).RequestMessage;
        Assert.Equal(Page, probe.Path);
        Assert.Equal(ArenaPortalProbe.UserAgent, probe.Headers!["User-Agent"].ToString());
        await app.StopAsync();
    }
}
