namespace Amigo.Plugins.CatalogueSearch.Tests.Fixtures;

/// <summary>
/// The requester page served as an authenticating plugin serves it (<see cref="IRequesterPage"/> resolved from the
/// plugin's services, called with a verified person), at <c>/api/academies/{academy}/arena/{page}/…</c>. The person
/// comes from the test header <c>X-Test-Person</c> (<c>personId;organizationId;UAI,UAI</c>); without it the stub
/// answers 401 and never calls the page, like the bridge. The bridge itself is tested in the ARENA tests.
/// </summary>
public sealed class RequesterPageHost : IAsyncDisposable
{
    /// <summary>Header carrying the test person.</summary>
    public const string PersonHeader = "X-Test-Person";

    private readonly WebApplication _app;

    private RequesterPageHost(WebApplication app, InMemoryChoiceStore choices)
    {
        _app = app;
        Choices = choices;
        Client = app.GetTestClient();
    }

    /// <summary>Client of the in-process server (no redirects followed: the client of TestServer does not follow them).</summary>
    public HttpClient Client { get; }

    /// <summary>Choices counted.</summary>
    public InMemoryChoiceStore Choices { get; }

    /// <summary>The page's root for <paramref name="academy"/>.</summary>
    public static string PagePath(string academy) => $"/api/academies/{academy}/arena/catalogue/";

    /// <summary>Starts the page over <paramref name="source"/>.</summary>
    public static async Task<RequesterPageHost> StartAsync(ICatalogueSource source, params AcademyContext[] academies)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<ICatalogueSource>(source);
        builder.Services.AddSingleton<IAcademyRegistry>(new TestAcademyRegistry(academies));
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(ClockSweep.Instant("2031-06-17 14:40")));
        var choices = new InMemoryChoiceStore();
        new CatalogueSearchPlugin().ConfigureServices(builder.Services);
        builder.Services.AddSingleton<ICatalogueChoiceStore>(choices);
        var app = builder.Build();
        // GET and HEAD, as the bridge maps its requester pages.
        app.MapMethods("/api/academies/{academy}/arena/{page}/{**path}", [HttpMethods.Get, HttpMethods.Head], async (HttpContext context, string academy, string page, string? path,
            IAcademyRegistry registry, IEnumerable<IRequesterPage> pages, CancellationToken cancellationToken) =>
        {
            if (!context.Request.Headers.TryGetValue(PersonHeader, out var header)) return Results.Unauthorized();
            var target = pages.FirstOrDefault(p => p.Segment == page);
            if (registry.Find(academy) is not { } context2 || target is null) return Results.NotFound();
            var parts = header.ToString().Split(';');
            var person = new RequesterIdentity("test.person", long.Parse(parts[0]), long.Parse(parts[1]),
                parts.Length > 2 && parts[2].Length > 0 ? parts[2].Split(',') : [], "Claire Lambert");
            var portal = new RequesterPortal($"/api/academies/{academy}/arena/portal/", "itop-portal");
            return await target.HandleAsync(new RequesterRequest(context, context2, person, portal, PagePath(academy), path ?? ""), cancellationToken);
        });
        await app.StartAsync();
        return new RequesterPageHost(app, choices);
    }

    /// <summary>A GET as <paramref name="person"/> (<c>personId;organizationId;UAIs</c>), or anonymous when null.</summary>
    public Task<HttpResponseMessage> GetAsync(string url, string? person) => SendAsync(HttpMethod.Get, url, person);

    /// <summary>A <paramref name="method"/> request as <paramref name="person"/> (<c>personId;organizationId;UAIs</c>), or anonymous when null.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? person)
    {
        using var request = new HttpRequestMessage(method, url);
        if (person is not null) request.Headers.Add(PersonHeader, person);
        return await Client.SendAsync(request);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}

/// <summary>Choices in memory.</summary>
public sealed class InMemoryChoiceStore : ICatalogueChoiceStore
{
    /// <summary>Counts by (academy, subcategory, day).</summary>
    public ConcurrentDictionary<(string Academy, long Subcategory, DateOnly Day), int> Counts { get; } = new();

    /// <inheritdoc />
    public Task RecordAsync(string academyId, long subcategoryId, DateOnly day, CancellationToken cancellationToken)
    {
        Counts.AddOrUpdate((academyId, subcategoryId, day), 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }
}
