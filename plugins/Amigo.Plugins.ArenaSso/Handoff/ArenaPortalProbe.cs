namespace Amigo.Plugins.ArenaSso.Handoff;

/// <summary>What <see cref="ArenaPortalProbe"/> found: <see cref="Ok"/> (✓) or not (✗), what was seen, and how to fix it.</summary>
/// <param name="Ok">Whether iTop is deployed as the bridge needs (or nothing needs checking).</param>
/// <param name="Summary">One line: what was asked and what iTop answered.</param>
/// <param name="Fix">What to change when not <see cref="Ok"/>; null otherwise.</param>
public sealed record ArenaPortalCheck(bool Ok, string Summary, string? Fix);

/// <summary>
/// Checks the deployment reverse-proxy mode needs (docs/plugins/arena-sso.md): iTop answers under the bridge's own
/// path on <c>ITopWebUrl</c>, and the pages it builds point back through the bridge (<c>app_root_url</c>) rather than at
/// iTop's own address. The bridge runs it once per academy on the first portal request and logs the outcome;
/// <c>amigo check</c> calls <see cref="ProbeAsync"/>.
/// </summary>
public static class ArenaPortalProbe
{
    /// <summary>The probe's <c>User-Agent</c>, so that iTop's logs tell it from people.</summary>
    public const string UserAgent = "amigo-arena-probe";

    /// <summary>The bridge's public path of an academy's portal (no path base).</summary>
    public static string PortalPath(string academyId) => $"/api/academies/{academyId}/arena/portal/";

    /// <summary>
    /// Asks iTop for the portal page under the bridge's path, as the bridge would but without any identity (iTop answers
    /// its login form). <paramref name="client"/> defaults to a plain client; <paramref name="pathBase"/> is the host's
    /// path base, if any.
    /// </summary>
    public static async Task<ArenaPortalCheck> ProbeAsync(
        AcademyContext academy, HttpMessageInvoker? client = null, string pathBase = "", CancellationToken cancellationToken = default)
    {
        var settings = academy.GetPluginSettings<ArenaSsoSettings>(ArenaSsoPlugin.PluginId);
        if (settings.HandoffMode != ArenaHandoffMode.ReverseProxy)
            return new ArenaPortalCheck(true, $"arena ({academy.Id}): redirect mode, iTop is not reached through the bridge", null);
        if (!Uri.TryCreate(settings.ITopWebUrl, UriKind.Absolute, out var web))
            return new ArenaPortalCheck(false, $"arena ({academy.Id}): ITopWebUrl is not set", "Set ITopWebUrl to the origin of iTop's web server.");

        var origin = web.GetLeftPart(UriPartial.Authority);
        var path = pathBase.TrimEnd('/') + PortalPath(academy.Id);
        var url = origin + path + settings.PortalUrl;
        var fixPath = $"Serve iTop's web root under {path} on {origin} (nginx: `location {path} {{ alias /var/www/itop/; … }}`; "
            + $"Apache: `Alias {path} /var/www/itop/`) and set app_root_url to the bridge's public URL of that path (https://<bridge>{path}); "
            + "then empty data/cache-production/portals.";
        var owned = client is null ? new HttpMessageInvoker(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false }) : null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            using var response = await (client ?? owned!).SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            if (status == 404)
                return new ArenaPortalCheck(false, $"arena ({academy.Id}): iTop answered 404 at {url}: it is not served under the bridge's path", fixPath);
            if (status >= 400)
                return new ArenaPortalCheck(false, $"arena ({academy.Id}): iTop answered {status} at {url}", fixPath);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (body.Contains(origin + "/", StringComparison.OrdinalIgnoreCase))
                return new ArenaPortalCheck(false,
                    $"arena ({academy.Id}): iTop's pages link to its own address {origin}/ (app_root_url), so browsers would leave the bridge",
                    $"Set app_root_url in config-itop.php to the bridge's public URL of {path} and empty data/cache-production/portals.");
            if (status == 200 && !body.Contains(path, StringComparison.Ordinal))
                return new ArenaPortalCheck(false,
                    $"arena ({academy.Id}): iTop answered at {url} but its page does not link under {path} (app_root_url)",
                    $"Set app_root_url in config-itop.php to the bridge's public URL of {path} and empty data/cache-production/portals.");
            return new ArenaPortalCheck(true, $"arena ({academy.Id}): iTop answers under {path} on {origin} ({status}) and links back through the bridge", null);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ArenaPortalCheck(false, $"arena ({academy.Id}): iTop's web server at {origin} did not answer: {exception.Message}",
                "Check ITopWebUrl and that iTop's web server is reachable from the bridge.");
        }
        finally
        {
            owned?.Dispose();
        }
    }
}
