namespace Amigo.Plugins.CatalogueSearch.Tests.Fixtures;

/// <summary>
/// The plugin served the way the host serves it: services from <c>ConfigureServices</c>, endpoints from
/// <c>MapEndpoints</c> on the group <c>/api/academies/{academy}/catalogue</c>, the academy resolved from the route.
/// </summary>
public sealed class CatalogueTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CatalogueTestHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    /// <summary>Client of the in-process server.</summary>
    public HttpClient Client { get; }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server with <paramref name="academies"/> and <paramref name="source"/>.</summary>
    public static async Task<CatalogueTestHost> StartAsync(ICatalogueSource source, params AcademyContext[] academies)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ICatalogueSource>(source);
        builder.Services.AddSingleton<IAcademyRegistry>(new TestAcademyRegistry(academies));
        builder.Services.AddSingleton<IAcademyAccessor, RouteAcademyAccessor>();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(ClockSweep.Instant("2031-06-17 14:40"))); // the host's clock
        var plugin = new CatalogueSearchPlugin();
        plugin.ConfigureServices(builder.Services);
        var app = builder.Build();
        plugin.MapEndpoints(app.MapGroup($"/api/academies/{{academy}}/{plugin.Id}"));
        await app.StartAsync();
        return new CatalogueTestHost(app, app.GetTestClient());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
