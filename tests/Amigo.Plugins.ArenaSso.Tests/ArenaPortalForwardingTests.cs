namespace Amigo.Plugins.ArenaSso.Tests;

/// <summary>
/// What iTop receives through the bridge and what the browser gets back, against a fake iTop web server on real Kestrel
/// that applies iTop's external-login rule (the session cookie wins over the header).
/// </summary>
public sealed class ArenaPortalForwardingTests : IAsyncLifetime
{
    private const string Portal = "/api/academies/toulouse/arena/portal/";
    private FakeITopWeb _itop = null!;
    private ArenaScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _itop = await FakeITopWeb.StartAsync();
        _scenario = await ArenaScenario.StartAsync(s =>
        {
            s["HandoffMode"] = "ReverseProxy";
            s["ITopWebUrl"] = _itop.Url;
            s["PortalUrl"] = "pages/exec.php?exec_module=itop-portal-base&exec_page=index.php&portal_id=itop-portal";
        });
    }

    public async Task DisposeAsync()
    {
        await _scenario.DisposeAsync();
        await _itop.DisposeAsync();
    }

    private static Dictionary<string, string?> Marc() =>
        ArenaScenario.Headers(login: "mmartin", email: "marc.martin@ac-toulouse.fr", lastName: "Martin", firstName: "Marc");

    private FakeITopWeb.Seen Last => _itop.Requests.Last();

    [Fact]
    public async Task The_path_goes_to_iTop_unchanged_with_its_prefix_and_iTop_s_own_Host()
    {
        var response = await _scenario.SendAsync("portal/pages/exec.php/object/create/UserRequest?exec_module=itop-portal-base&portal_id=itop-portal", ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status200OK, response.Response.StatusCode);
        Assert.Equal(Portal + "pages/exec.php/object/create/UserRequest", Last.Path);
        Assert.Equal("?exec_module=itop-portal-base&portal_id=itop-portal", Last.Query);
        Assert.Equal(new Uri(_itop.Url).Authority, Last.Host);
        Assert.Equal(["jdupont"], Last.AsPhpSees("X-Remote-User"));
        Assert.Equal("jdupont", Last.User);
    }

    [Theory]
    [InlineData("X_Remote_User")]
    [InlineData("x-remote-user")]
    [InlineData("X-REMOTE-USER")]
    [InlineData("Remote-User")]
    [InlineData("HTTP_X_REMOTE_USER")]
    public async Task No_spelling_of_the_trust_header_changes_whom_iTop_signs_in(string spelling)
    {
        var headers = ArenaScenario.Headers();
        headers[spelling] = "admin";

        await _scenario.SendAsync("portal/pages/UI.php", headers);

        Assert.Equal(["jdupont"], Last.AsPhpSees("X-Remote-User"));
        Assert.DoesNotContain(Last.Headers, h => h.Value.Contains("admin", StringComparison.Ordinal));
        Assert.Equal("jdupont", Last.User);
    }

    [Fact]
    public async Task The_trust_header_sent_twice_by_the_client_is_not_forwarded()
    {
        var response = await _scenario.Host.Server.SendAsync(context =>
        {
            context.Request.Path = Portal + "pages/UI.php";
            context.Connection.RemoteIpAddress = ArenaScenario.Proxy;
            foreach (var (name, value) in ArenaScenario.Headers()) context.Request.Headers.Append(name, value);
            context.Request.Headers.Append("x-remote-user", "admin");
            context.Request.Headers.Append("x-remote-user", "root");
            context.Request.Headers.Append("X_Remote_User", "admin");
        });

        Assert.Equal(StatusCodes.Status200OK, response.Response.StatusCode);
        Assert.Equal(["jdupont"], Last.AsPhpSees("X-Remote-User"));
        Assert.Equal("jdupont", Last.User);
    }

    [Fact]
    public async Task Only_allow_listed_headers_and_iTop_s_own_cookies_reach_iTop()
    {
        var headers = ArenaScenario.Headers();
        headers["Cookie"] = $"CTSESSION=abc123; JSESSIONID=arena-app; {FakeITopWeb.SessionCookie}=unbound";
        headers["Authorization"] = "Basic YWRtaW46YWRtaW4=";
        headers["X-Forwarded-For"] = "203.0.113.9";
        headers["X-Forwarded-Host"] = "evil.example";
        headers["X-Requested-With"] = "XMLHttpRequest";
        headers["X-Combodo-Ajax"] = "true";
        headers["Accept-Language"] = "fr-FR";

        await _scenario.SendAsync("portal/pages/ajax.render.php", headers);

        var names = Last.Headers.Select(h => h.Name).ToList();
        foreach (var gone in new[] { "Authorization", "X-Forwarded-For", "X-Forwarded-Host", "ct-remote-user", "ctemail", "ctln", "ctfn", "FrEduRne", "FrEduRneResp", "FrEduFonctAdm", "X-Amigo-Arena-Secret" })
            Assert.DoesNotContain(gone, names, StringComparer.OrdinalIgnoreCase);
        foreach (var kept in new[] { "X-Requested-With", "X-Combodo-Ajax", "Accept-Language" })
            Assert.Contains(kept, names, StringComparer.OrdinalIgnoreCase);
        // The unbound iTop cookie is withheld as well: iTop starts a session for the header's person.
        Assert.Empty(Last.Cookies);
    }

    [Fact]
    public async Task The_iTop_session_follows_the_ARENA_identity_in_one_browser()
    {
        var browser = new PortalBrowser(_scenario);

        var first = await browser.GetAsync("pages/exec.php", ArenaScenario.Headers());
        Assert.Equal("jdupont", Last.User);
        Assert.Contains(FakeITopWeb.SessionCookie, browser.Jar.Keys);
        Assert.Contains("amigo-arena-" + FakeITopWeb.SessionCookie, browser.Jar.Keys);
        Assert.All(first.Response.Headers.SetCookie, c => Assert.Contains("path=" + Portal, c, StringComparison.OrdinalIgnoreCase));
        var jeanneSession = browser.Jar[FakeITopWeb.SessionCookie];

        await browser.GetAsync("pages/exec.php", ArenaScenario.Headers());
        Assert.Equal([FakeITopWeb.SessionCookie], Last.Cookies); // the bound session goes to iTop
        Assert.Equal("jdupont", Last.User);

        await browser.GetAsync("pages/exec.php", Marc());
        Assert.Empty(Last.Cookies); // Jeanne's session is withheld: iTop signs Marc in from the header
        Assert.Equal("mmartin", Last.User);
        Assert.NotEqual(jeanneSession, browser.Jar[FakeITopWeb.SessionCookie]);

        await browser.GetAsync("pages/exec.php", Marc());
        Assert.Equal("mmartin", Last.User);
        Assert.Equal([FakeITopWeb.SessionCookie], Last.Cookies);

        await browser.GetAsync("pages/exec.php", ArenaScenario.Headers());
        Assert.Equal("jdupont", Last.User);
    }

    [Fact]
    public async Task A_stale_session_withheld_on_a_static_file_is_expired_so_the_next_page_starts_afresh()
    {
        var browser = new PortalBrowser(_scenario);
        await browser.GetAsync("pages/exec.php", ArenaScenario.Headers());

        var css = await browser.GetAsync("css/portal.css", Marc());

        Assert.Empty(Last.Cookies);
        Assert.Contains(css.Response.Headers.SetCookie, c => c!.StartsWith(FakeITopWeb.SessionCookie + "=;", StringComparison.Ordinal) && c.Contains("1970"));
        Assert.DoesNotContain(FakeITopWeb.SessionCookie, browser.Jar.Keys);
        await browser.GetAsync("pages/exec.php", Marc());
        Assert.Equal("mmartin", Last.User);
    }

    [Fact]
    public async Task A_session_cookie_copied_from_another_person_s_browser_is_not_forwarded()
    {
        var jeanne = new PortalBrowser(_scenario);
        await jeanne.GetAsync("pages/exec.php", ArenaScenario.Headers());
        var marc = new PortalBrowser(_scenario);
        foreach (var (name, value) in jeanne.Jar) marc.Jar[name] = value; // session and binding both

        await marc.GetAsync("pages/exec.php", Marc());

        Assert.Empty(Last.Cookies);
        Assert.Equal("mmartin", Last.User);
    }

    [Fact]
    public async Task A_Location_on_iTop_s_own_address_is_moved_to_the_bridge()
    {
        var response = await _scenario.SendAsync("portal/pages/redirect", ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status302Found, response.Response.StatusCode);
        Assert.Equal($"http://localhost{Portal}pages/UI.php?x=1", response.Response.Headers.Location.ToString());
    }
}
