using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Amigo.Connector.Host.Demo;

/// <summary>
/// Lets a browser on this machine open the demo's dashboard: a browser cannot send <c>X-Api-Key</c> with a page
/// request, so the demo host (which listens on 127.0.0.1 only) adds its admin key to loopback requests of the
/// reporting pages that come without one. Never part of a real host.
/// </summary>
internal sealed class DemoDashboardAccess(string apiKey) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            var request = context.Request;
            if (context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
                && request.Path.StartsWithSegments("/api/academies") && request.Path.Value!.Contains("/reporting/", StringComparison.Ordinal)
                && !request.Headers.ContainsKey("X-Api-Key"))
                request.Headers["X-Api-Key"] = apiKey;
            return nextMiddleware(context);
        });
        next(app);
    };
}
