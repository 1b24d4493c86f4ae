using System.Net;

namespace Amigo.Plugins.ArenaSso.Tests.Support;

/// <summary>
/// The bridge's endpoints in the real ASP.NET Core pipeline, in process (TestServer), mapped the way the host
/// maps plugin groups (<c>/api/academies/{academy}/arena</c>). Lighter than the host's <c>ConnectorApplication</c>
/// (no scheduler, no plugin scan, no database unless given), so the scenarios can start several hosts on one iTop
/// with their own settings, audit log and clock. <c>ArenaInConnectorHostTests</c> covers the real host.
/// </summary>
internal sealed class BridgeHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BridgeHost(WebApplication app, IReadOnlyDictionary<string, AcademyContext> academies)
    {
        _app = app;
        Academies = academies;
    }

    public IReadOnlyDictionary<string, AcademyContext> Academies { get; }

    public TestServer Server => _app.GetTestServer();

    public IServiceProvider Services => _app.Services;

    public static async Task<BridgeHost> StartAsync(
        IEnumerable<AcademyContext> academies, IAuditLog audit, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var byId = academies.ToDictionary(a => a.Id, StringComparer.Ordinal);
        builder.Services.AddSingleton(audit);
        builder.Services.AddHttpContextAccessor();
        var registry = new TestAcademyRegistry([.. byId.Values]);
        builder.Services.AddSingleton<IAcademyAccessor>(provider => new RouteAcademyAccessor(provider.GetRequiredService<IHttpContextAccessor>(), registry));
        configure?.Invoke(builder.Services);
        var plugin = new ArenaSsoPlugin();
        plugin.ConfigureServices(builder.Services);

        var app = builder.Build();
        var group = app.MapGroup("/api/academies/{academy}/" + plugin.Id);
        group.AddEndpointFilter(async (context, next) =>
            byId.ContainsKey((string)context.HttpContext.GetRouteValue("academy")!) ? await next(context) : Results.NotFound());
        plugin.MapEndpoints(group);
        await app.StartAsync();
        return new BridgeHost(app, byId);
    }

    /// <summary>Sends a request as if from <paramref name="remote"/> (TestServer has no socket to take it from).</summary>
    public async Task<HttpContext> SendAsync(string path, IPAddress remote, IReadOnlyDictionary<string, string?> headers, string method = "GET")
    {
        return await Server.SendAsync(context =>
        {
            context.Request.Method = method;
            var query = path.IndexOf('?');
            context.Request.Path = query < 0 ? path : path[..query];
            if (query >= 0) context.Request.QueryString = new QueryString(path[query..]);
            context.Connection.RemoteIpAddress = remote;
            foreach (var (name, value) in headers)
                if (value is not null) context.Request.Headers.Append(name, value);
        });
    }

    public static AcademyContext Academy(
        string id, Amigo.Connector.ITop.IITopClient itop, IDictionary<string, string?> arenaSettings, AcademyFieldMap? fieldMap = null) =>
        TestAcademy.Create(id, itop, "arena", arenaSettings, fieldMap: fieldMap);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
