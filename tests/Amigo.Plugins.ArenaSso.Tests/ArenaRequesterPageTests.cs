namespace Amigo.Plugins.ArenaSso.Tests;

/// <summary>
/// Requester pages of other plugins (<see cref="IRequesterPage"/>) served under the bridge's path: the page is called
/// only after the bridge's trust checks, identity checks and provisioning, with the provisioned person, and with links
/// to the portal through the bridge (reverse-proxy mode) or to iTop's own address (redirect mode).
/// </summary>
public sealed class ArenaRequesterPageTests
{
    private sealed class RecordingPage : IRequesterPage
    {
        public ConcurrentQueue<RequesterRequest> Calls { get; } = new();
        public string PluginId => "fake";
        public string Segment => "fake";

        public Task<IResult> HandleAsync(RequesterRequest request, CancellationToken cancellationToken)
        {
            Calls.Enqueue(request);
            return Task.FromResult(Results.Text("page of " + request.Person.Login));
        }
    }

    private sealed class Registry(bool enabled) : IAcademyRegistry
    {
        public IReadOnlyList<AcademyContext> All => [];
        public AcademyContext? Find(string academyId) => null;
        public Task<bool> IsPluginEnabledAsync(string academyId, string pluginId, CancellationToken cancellationToken = default) =>
            Task.FromResult(enabled && pluginId == "fake");
    }

    private static async Task<(ArenaScenario Scenario, RecordingPage Page)> StartAsync(bool enabled = true, Action<IDictionary<string, string?>>? settings = null)
    {
        var page = new RecordingPage();
        var scenario = await ArenaScenario.StartAsync(settings, services =>
        {
            services.AddSingleton<IRequesterPage>(page);
            services.AddSingleton<IAcademyRegistry>(new Registry(enabled));
        });
        return (scenario, page);
    }

    [Fact]
    public async Task A_verified_person_reaches_the_page_with_their_iTop_person_and_organizations()
    {
        var (scenario, page) = await StartAsync();
        await using var _ = scenario;

        var response = await scenario.Host.SendAsync("/api/academies/toulouse/arena/fake/results?q=webmail", ArenaScenario.Proxy, ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status200OK, response.Response.StatusCode);
        var call = Assert.Single(page.Calls);
        Assert.Equal("jdupont", call.Person.Login);
        Assert.Equal(Assert.Single(scenario.Persons), call.Person.PersonId);
        Assert.Equal(scenario.LyceeOrgId, call.Person.OrganizationId);
        Assert.Equal(["0310094J"], call.Person.EstablishmentCodes);
        Assert.Equal("Jeanne Dupont", call.Person.DisplayName);
        Assert.Equal("/api/academies/toulouse/arena/fake/", call.BasePath);
        Assert.Equal("results", call.SubPath);
        // Redirect mode: iTop's own address, from PortalUrl.
        Assert.Equal(new RequesterPortal("https://assistance.ac-toulouse.fr/", "itop-portal"), call.Portal);
    }

    [Fact]
    public async Task In_reverse_proxy_mode_the_portal_links_go_through_the_bridge()
    {
        var (scenario, page) = await StartAsync(settings: s =>
        {
            s["HandoffMode"] = "ReverseProxy";
            s["ITopWebUrl"] = "http://127.0.0.1:9/";
            s["PortalUrl"] = "pages/exec.php?exec_module=itop-portal-base&exec_page=index.php&portal_id=itop-portal";
        });
        await using var _ = scenario;

        var response = await scenario.Host.SendAsync("/api/academies/toulouse/arena/fake", ArenaScenario.Proxy, ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status200OK, response.Response.StatusCode);
        var call = Assert.Single(page.Calls);
        Assert.Equal(new RequesterPortal("/api/academies/toulouse/arena/portal/", "itop-portal"), call.Portal);
        Assert.Equal("/api/academies/toulouse/arena/fake/", call.BasePath);
        Assert.Equal("", call.SubPath);
    }

    [Fact]
    public async Task Untrusted_or_malformed_requests_never_reach_the_page()
    {
        var (scenario, page) = await StartAsync();
        await using var _ = scenario;
        var path = "/api/academies/toulouse/arena/fake/?q=webmail";

        var stranger = await scenario.Host.SendAsync(path, ArenaScenario.Stranger, ArenaScenario.Headers());
        var noSecret = await scenario.Host.SendAsync(path, ArenaScenario.Proxy,
            ArenaScenario.Headers().Where(h => h.Key != "X-Amigo-Arena-Secret").ToDictionary());
        var noSession = await scenario.Host.SendAsync(path, ArenaScenario.Proxy,
            ArenaScenario.Headers().Where(h => h.Key != "Cookie").ToDictionary());
        var badName = await scenario.Host.SendAsync(path, ArenaScenario.Proxy, ArenaScenario.Headers(lastName: "<script>"));

        Assert.Equal(StatusCodes.Status401Unauthorized, stranger.Response.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, noSecret.Response.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, noSession.Response.StatusCode);
        Assert.Equal(StatusCodes.Status400BadRequest, badName.Response.StatusCode);
        Assert.Empty(page.Calls);
        Assert.Empty(scenario.Persons);
    }

    [Fact]
    public async Task A_page_of_a_disabled_plugin_or_an_unknown_page_is_not_found()
    {
        var (scenario, page) = await StartAsync(enabled: false);
        await using var _ = scenario;

        var disabled = await scenario.Host.SendAsync("/api/academies/toulouse/arena/fake/", ArenaScenario.Proxy, ArenaScenario.Headers());
        var unknown = await scenario.Host.SendAsync("/api/academies/toulouse/arena/nothing/", ArenaScenario.Proxy, ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status404NotFound, disabled.Response.StatusCode);
        Assert.Equal(StatusCodes.Status404NotFound, unknown.Response.StatusCode);
        Assert.Empty(page.Calls);
    }

    [Fact]
    public async Task The_bridges_own_routes_keep_precedence_over_pages()
    {
        var (scenario, page) = await StartAsync();
        await using var _ = scenario;

        var whoami = await scenario.Host.SendAsync("/api/academies/toulouse/arena/whoami", ArenaScenario.Proxy, ArenaScenario.Headers());
        var login = await scenario.Host.SendAsync("/api/academies/toulouse/arena/login", ArenaScenario.Proxy, ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status200OK, whoami.Response.StatusCode);
        Assert.StartsWith("application/json", whoami.Response.ContentType);
        Assert.Equal(StatusCodes.Status302Found, login.Response.StatusCode);
        Assert.Empty(page.Calls);
    }
}
