namespace Amigo.Plugins.ArenaSso.Handoff;

/// <summary>
/// Which request headers reach iTop: an allow-list of what a browser needs to use the portal, minus every header whose
/// name PHP would fold into the trust header or an identity/secret header. PHP exposes <c>X-Remote-User</c>,
/// <c>x-remote-user</c> and <c>X_Remote_User</c> alike as <c>HTTP_X_REMOTE_USER</c>, so names are compared after
/// normalising case, <c>-</c> and <c>_</c>.
/// </summary>
internal sealed class PortalRequestHeaders
{
    /// <summary>
    /// What the portal needs: content negotiation, the body's description, conditional and range requests, the
    /// browser's identity for iTop's logs, and the two headers iTop reads to tell AJAX calls apart
    /// (<c>HTTP_X_REQUESTED_WITH</c>, <c>HTTP_X_COMBODO_AJAX</c>). <c>Cookie</c> is rebuilt separately, <c>Host</c> is iTop's.
    /// </summary>
    public static readonly IReadOnlyList<string> Allowed =
    [
        "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Cache-Control", "Pragma",
        "Content-Type", "Content-Length", "Content-Encoding", "Content-Language",
        "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "If-Range", "Range",
        "User-Agent", "Referer", "Origin", "X-Requested-With", "X-Combodo-Ajax",
    ];

    private static readonly HashSet<string> AllowedSet = new(Allowed, StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> _forbidden;

    /// <param name="forbidden">The trust header, the identity headers and the secret header, in any spelling.</param>
    public PortalRequestHeaders(IEnumerable<string> forbidden) =>
        _forbidden = new HashSet<string>(forbidden.Select(Normalise), StringComparer.Ordinal);

    /// <summary>PHP's view of a header name: <c>X_Remote_User</c> and <c>x-remote-user</c> give the same.</summary>
    public static string Normalise(string name) => name.Replace('_', '-').ToLowerInvariant();

    /// <summary>Whether a header of this exact name may be forwarded.</summary>
    public bool IsForwarded(string name) => AllowedSet.Contains(name) && !_forbidden.Contains(Normalise(name));

    /// <summary>Removes from <paramref name="request"/> every header that may not reach iTop, cookies included.</summary>
    public void Filter(HttpRequestMessage request)
    {
        Remove(request.Headers);
        if (request.Content is not null) Remove(request.Content.Headers);
        request.Headers.Remove("Cookie");
    }

    private void Remove(HttpHeaders headers)
    {
        foreach (var name in headers.Select(h => h.Key).ToList())
            if (!IsForwarded(name))
                headers.Remove(name);
    }
}
