namespace Amigo.Plugins.ArenaSso.Tests;

/// <summary>Reverse-proxy hand-off (YARP) to the academy's iTop web application, a WireMock server here.</summary>
public sealed class ArenaReverseProxyTests : IDisposable
{
    private readonly WireMockServer _itopWeb = WireMockServer.Start();

    public ArenaReverseProxyTests() =>
        _itopWeb.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody("portail iTop"));

    public void Dispose() => _itopWeb.Dispose();

    private Task<ArenaScenario> StartAsync() => ArenaScenario.StartAsync(s =>
    {
        s["HandoffMode"] = "ReverseProxy";
        s["ITopWebUrl"] = _itopWeb.Url + "/";
        s["PortalUrl"] = "pages/exec.php?exec_module=itop-portal-base&exec_page=index.php&portal_id=itop-portal";
    });

    [Fact]
    public async Task Login_redirects_to_the_portal_behind_the_bridge()
    {
        await using var scenario = await StartAsync();

        var response = await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status302Found, response.Response.StatusCode);
        Assert.Equal("/api/academies/toulouse/arena/portal/pages/exec.php?exec_module=itop-portal-base&exec_page=index.php&portal_id=itop-portal",
            response.Response.Headers.Location.ToString());
    }

    [Fact]
    public async Task The_portal_is_forwarded_with_the_trust_header_set_by_the_bridge_only()
    {
        await using var scenario = await StartAsync();
        var headers = ArenaScenario.Headers();
        // A client trying to become the administrator through its own copy of iTop's trust header.
        headers["X-Remote-User"] = "admin";

        var response = await scenario.SendAsync("portal/pages/UI.php?operation=details&class=UserRequest&id=7", headers);

        Assert.Equal(StatusCodes.Status200OK, response.Response.StatusCode);
        // The bridge's deployment probe (first portal request) is not the browser's request.
        var forwarded = Assert.Single(_itopWeb.LogEntries,
            e => !e.RequestMessage.Headers!.TryGetValue("User-Agent", out var agent) || agent.ToString() != ArenaPortalProbe.UserAgent).RequestMessage;
        Assert.Equal("/api/academies/toulouse/arena/portal/pages/UI.php", forwarded.Path);
        Assert.Equal("7", forwarded.Query!["id"].ToString());
        Assert.Equal(["jdupont"], forwarded.Headers!["X-Remote-User"]);
        foreach (var identityHeader in new[] { "ct-remote-user", "ctemail", "ctln", "ctfn", "FrEduRne", "FrEduRneResp", "FrEduFonctAdm", "X-Amigo-Arena-Secret" })
            Assert.False(forwarded.Headers.ContainsKey(identityHeader), identityHeader + " reached iTop");
        Assert.Single(scenario.Persons);
    }

    [Fact]
    public async Task An_untrusted_portal_request_never_reaches_iTop()
    {
        await using var scenario = await StartAsync();
        var headers = ArenaScenario.Headers();
        headers["X-Remote-User"] = "admin";

        var response = await scenario.SendAsync("portal/pages/UI.php", headers, ArenaScenario.Stranger);

        Assert.Equal(StatusCodes.Status401Unauthorized, response.Response.StatusCode);
        Assert.Empty(_itopWeb.LogEntries);
        Assert.Equal(0, scenario.CallCount);
    }

    [Fact]
    public async Task Redirect_mode_has_no_portal_route()
    {
        await using var scenario = await ArenaScenario.StartAsync();

        var response = await scenario.SendAsync("portal/pages/UI.php", ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status404NotFound, response.Response.StatusCode);
        Assert.Equal(0, scenario.CallCount);
    }
}
