namespace Amigo.Plugins.ArenaSso.Handoff;

/// <summary>
/// Rewrites one portal request for iTop and iTop's answer for the browser.
/// <list type="bullet">
/// <item>The path goes to iTop unchanged, bridge prefix included: iTop is served under the bridge's own path, so the
/// links it builds from its script path and <c>app_root_url</c> come back through the bridge.</item>
/// <item>Only allow-listed headers go; <c>Host</c> is iTop's; the trust header carries the login the bridge derived,
/// the only value iTop ever sees; iTop gets only its own cookies, and only those bound to this identity
/// (<see cref="SessionBinding"/>).</item>
/// <item>Answers: a <c>Location</c> naming iTop's internal origin names the bridge instead; cookies get the portal
/// path (two academies whose iTops share an install directory share a cookie name) and no domain; every iTop cookie
/// set is bound to this identity; a withheld stale cookie is expired.</item>
/// </list>
/// </summary>
internal sealed class ITopPortalTransformer(ArenaAcademyRuntime runtime, string login, string portalPath, TimeProvider time) : HttpTransformer
{
    private readonly List<string> _withheld = [];

    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        runtime.ForwardedHeaders.Filter(proxyRequest);
        proxyRequest.Headers.Host = null; // the URI's authority: iTop's, not the browser's
        proxyRequest.Headers.TryAddWithoutValidation(runtime.Settings.ITopTrustHeader, login);
        if (BoundITopCookies(httpContext.Request.Headers.Cookie) is { Length: > 0 } cookies)
            proxyRequest.Headers.TryAddWithoutValidation("Cookie", cookies);
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(
            destinationPrefix, httpContext.Request.PathBase.Add(httpContext.Request.Path), httpContext.Request.QueryString);
    }

    public override async ValueTask<bool> TransformResponseAsync(
        HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var go = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        var headers = httpContext.Response.Headers;
        if (RewriteLocation(httpContext.Request, headers.Location.ToString()) is { } location)
            headers.Location = location;

        var secure = httpContext.Request.IsHttps;
        var cookies = new List<string>();
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var header in headers.SetCookie)
        {
            if (header is null || !SetCookieHeaderValue.TryParse(header, out var cookie)) continue;
            var name = cookie.Name.ToString();
            cookie.Path = portalPath;
            cookie.Domain = null;
            cookies.Add(cookie.ToString());
            if (!PortalCookies.IsITops(name)) continue;
            set.Add(name);
            var binding = new SetCookieHeaderValue(SessionBinding.CookieName(name),
                IsDeletion(cookie) ? "" : runtime.Binding.Sign(runtime.Academy.Id, login, name, cookie.Value.ToString()))
            {
                Path = portalPath, HttpOnly = true, Secure = secure, SameSite = Microsoft.Net.Http.Headers.SameSiteMode.Lax,
                Expires = IsDeletion(cookie) ? DateTimeOffset.UnixEpoch : null,
            };
            cookies.Add(binding.ToString());
        }
        foreach (var name in _withheld.Where(n => !set.Contains(n)))
            cookies.Add(new SetCookieHeaderValue(name, "") { Path = portalPath, Expires = DateTimeOffset.UnixEpoch, HttpOnly = true }.ToString());
        headers.SetCookie = cookies.ToArray();
        return go;
    }

    /// <summary>The <c>Cookie</c> header for iTop: its own cookies bound to this identity, first of each name.</summary>
    private string BoundITopCookies(Microsoft.Extensions.Primitives.StringValues header)
    {
        var all = PortalCookies.Parse(header);
        var kept = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in all)
        {
            if (!PortalCookies.IsITops(name) || names.Contains(name)) continue;
            var binding = all.FirstOrDefault(c => c.Key == SessionBinding.CookieName(name)).Value;
            if (runtime.Binding.Verify(runtime.Academy.Id, login, name, value, binding))
            {
                names.Add(name);
                kept.Add($"{name}={value}");
            }
        }
        foreach (var (name, _) in all)
            if (PortalCookies.IsITops(name) && !names.Contains(name) && !_withheld.Contains(name))
                _withheld.Add(name);
        return string.Join("; ", kept);
    }

    /// <summary>An absolute <c>Location</c> on iTop's internal origin, moved to the origin the browser used.</summary>
    private string? RewriteLocation(HttpRequest request, string location)
    {
        if (location.Length == 0 || !Uri.TryCreate(location, UriKind.Absolute, out var target)) return null;
        var itop = runtime.ITopOrigin!;
        if (!string.Equals(target.GetLeftPart(UriPartial.Authority), itop.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            return null;
        return $"{request.Scheme}://{request.Host}{target.PathAndQuery}{target.Fragment}";
    }

    private bool IsDeletion(SetCookieHeaderValue cookie) =>
        cookie.MaxAge is { } age && age <= TimeSpan.Zero
        || cookie.Expires is { } expires && expires <= time.GetUtcNow();
}
