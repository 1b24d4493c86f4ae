namespace Amigo.Plugins.Reporting.Tests.Support;

/// <summary>
/// The plugin's endpoints on Kestrel at 127.0.0.1, mapped the way the host maps plugin groups, with a stand-in for the
/// host's X-Api-Key check: <see cref="ToulouseKey"/> sees only Toulouse, <see cref="AdminKey"/> sees every academy.
/// </summary>
public sealed class ReportingWebHost : IAsyncDisposable
{
    public const string ToulouseKey = "key-toulouse", AdminKey = "key-admin";
    private static readonly string[] KnownAcademies = [KnownDataSet.Toulouse, KnownDataSet.Montpellier];

    private readonly WebApplication _app;

    private ReportingWebHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri DashboardOf(string academy) => new(BaseAddress, $"/api/academies/{academy}/reporting/dashboard");

    /// <summary>Starts the host; <paramref name="configure"/> adds services after the plugin's (contributed reports, another registry).</summary>
    public static async Task<ReportingWebHost> StartAsync(NpgsqlDataSource dataSource, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<IConnectorDatabase>(new ConnectorDatabase(dataSource));
        builder.Services.AddSingleton<IAcademyAccessor, RouteAcademyAccessor>();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(KnownDataSet.Now));
        builder.Services.AddSingleton<IAcademyRegistry>(KnownDataSet.Registry());
        var plugin = new ReportingPlugin();
        plugin.ConfigureServices(builder.Services);
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        app.Use(CheckApiKey);
        plugin.MapEndpoints(app.MapGroup($"/api/academies/{{academy}}/{plugin.Id}"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ReportingWebHost(app, new Uri(address));
    }

    private static Task CheckApiKey(HttpContext context, Func<Task> next)
    {
        var segments = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not ["api", "academies", var academy, ..])
            return next();
        if (!KnownAcademies.Contains(academy))
            return Reply(context, StatusCodes.Status404NotFound);
        switch (context.Request.Headers["X-Api-Key"].ToString())
        {
            case AdminKey:
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, ReportingAccess.AdminRole)], "ApiKey"));
                return next();
            case ToulouseKey when academy == KnownDataSet.Toulouse:
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "toulouse")], "ApiKey"));
                return next();
            case ToulouseKey:
                return Reply(context, StatusCodes.Status403Forbidden);
            default:
                return Reply(context, StatusCodes.Status401Unauthorized);
        }
    }

    private static Task Reply(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
