using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Amigo.Plugins.ArenaSso.Handoff;

/// <summary>
/// Rewrites a portal request for iTop: the path after <c>…/arena/portal/</c> goes to iTop's web application,
/// every identity header, the shared secret and any client copy of the trust header are removed, and the trust
/// header is set to the login the bridge derived — the only value iTop ever sees.
/// </summary>
internal sealed class ITopPortalTransformer(
    string remainingPath, string trustHeader, string login, IReadOnlyCollection<string> headersToStrip) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        foreach (var header in headersToStrip)
        {
            proxyRequest.Headers.Remove(header);
            proxyRequest.Content?.Headers.Remove(header);
        }
        proxyRequest.Headers.Remove(trustHeader);
        proxyRequest.Headers.TryAddWithoutValidation(trustHeader, login);
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(
            destinationPrefix, new PathString("/" + remainingPath.TrimStart('/')), httpContext.Request.QueryString);
    }
}
