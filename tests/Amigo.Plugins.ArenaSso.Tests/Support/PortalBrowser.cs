namespace Amigo.Plugins.ArenaSso.Tests.Support;

/// <summary>A browser's cookie jar in front of the bridge (TestServer): keeps what the bridge sets, sends it back.</summary>
internal sealed class PortalBrowser(ArenaScenario scenario)
{
    public Dictionary<string, string> Jar { get; } = new(StringComparer.Ordinal) { ["CTSESSION"] = "abc123" };

    public async Task<HttpContext> GetAsync(string portalPath, Dictionary<string, string?> headers)
    {
        var sent = new Dictionary<string, string?>(headers, StringComparer.OrdinalIgnoreCase)
        {
            ["Cookie"] = string.Join("; ", Jar.Select(c => $"{c.Key}={c.Value}")),
        };
        var context = await scenario.SendAsync("portal/" + portalPath, sent);
        foreach (var header in context.Response.Headers.SetCookie)
        {
            var cookie = SetCookieHeaderValue.Parse(header);
            if (cookie.Expires is { } expires && expires < DateTimeOffset.UtcNow) Jar.Remove(cookie.Name.ToString());
            else Jar[cookie.Name.ToString()] = cookie.Value.ToString();
        }
        return context;
    }
}
