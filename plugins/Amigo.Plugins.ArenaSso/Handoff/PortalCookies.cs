namespace Amigo.Plugins.ArenaSso.Handoff;

/// <summary>Reading the browser's <c>Cookie</c> header: iTop gets only its own cookies (<c>itop-…</c>), never ARENA's or the bridge's.</summary>
internal static class PortalCookies
{
    /// <summary>iTop's session cookie is <c>itop-</c> + md5 of its install directory; iTop sets no other cookie.</summary>
    public const string ITopPrefix = "itop-";

    /// <summary>Whether iTop owns a cookie of this name.</summary>
    public static bool IsITops(string name) => name.StartsWith(ITopPrefix, StringComparison.Ordinal);

    /// <summary>The name/value pairs of every <c>Cookie</c> header, in order (duplicates kept: a browser sends the most specific path first).</summary>
    public static List<KeyValuePair<string, string>> Parse(IEnumerable<string?> headers)
    {
        var cookies = new List<KeyValuePair<string, string>>();
        foreach (var header in headers)
        {
            if (string.IsNullOrEmpty(header)) continue;
            foreach (var part in header.Split(';'))
            {
                var pair = part.Trim();
                var equals = pair.IndexOf('=');
                if (equals <= 0) continue;
                cookies.Add(new(pair[..equals].Trim(), pair[(equals + 1)..].Trim()));
            }
        }
        return cookies;
    }
}
