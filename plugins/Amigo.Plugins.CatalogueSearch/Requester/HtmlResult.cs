namespace Amigo.Plugins.CatalogueSearch.Requester;

/// <summary>
/// An answer of the requester page with its security headers: only the connector's own script and style may run
/// (<c>default-src 'self'</c>, no inline code), no framing, nothing cached (the page is personal), no MIME sniffing.
/// </summary>
internal sealed class HtmlResult(int statusCode, string body, string contentType = "text/html; charset=utf-8", bool cacheable = false) : IResult
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public int StatusCode => statusCode;

    public string Body => body;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = cacheable ? "private, max-age=3600" : "no-store";
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(httpContext.Request.Method)) await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
