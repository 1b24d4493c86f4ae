namespace Amigo.Connector.Demo;

/// <summary>
/// Lets a browser on this machine open the demo's dashboard: a browser cannot send <c>X-Api-Key</c> with a page
/// request, so the demo host (which listens on 127.0.0.1 only) adds its admin key to loopback requests without one —
/// and only to what the dashboard itself loads: <c>GET</c> (or <c>HEAD</c>) of
/// <c>/api/academies/{academy}/reporting/</c>, <c>…/dashboard</c>, <c>…/assets/{file}</c>, <c>…/reports</c> and
/// <c>…/reports/{name}</c>. Anything else (a POST, the plugin switches under <c>…/plugins/reporting/…</c>, another
/// plugin) still needs a key. Never part of a real host.
/// </summary>
internal sealed class DemoDashboardAccess(string apiKey) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            var request = context.Request;
            if (context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
                && IsDashboardRequest(request.Method, request.Path) && !request.Headers.ContainsKey("X-Api-Key"))
                request.Headers["X-Api-Key"] = apiKey;
            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>Whether a request is one of the dashboard's own reads.</summary>
    internal static bool IsDashboardRequest(string method, PathString path)
    {
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)) return false;
        var segments = (path.Value ?? "").Split('/');
        // "", "api", "academies", "{academy}", "reporting", then at most two more.
        if (segments.Length < 5 || segments[0] != "" || segments[1] != "api" || segments[2] != "academies" || segments[3].Length == 0
            || segments[4] != "reporting")
            return false;
        var rest = segments[5..];
        return rest switch
        {
            [] or [""] or ["dashboard"] or ["reports"] => true,
            ["assets", { Length: > 0 }] or ["reports", { Length: > 0 }] => true,
            _ => false,
        };
    }
}
