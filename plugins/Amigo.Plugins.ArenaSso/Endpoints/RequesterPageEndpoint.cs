namespace Amigo.Plugins.ArenaSso.Endpoints;

/// <summary>
/// <c>…/arena/{segment}/{**path}</c>: the requester pages other plugins offer (<see cref="IRequesterPage"/>, e.g. the
/// catalogue search at <c>…/arena/catalogue/</c>), served under the bridge's path so that ARENA's proxy protects them
/// like the portal. The same gate as every bridge route runs first (trusted proxy, secret, session cookie, identity),
/// then provisioning (cached), so a page only ever sees a verified person with their iTop Person id.
/// </summary>
internal static class RequesterPageEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context, string page, string? path, ArenaRequestGate gate, ArenaProvisioner provisioner,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var gated = gate.Pass(context);
        if (gated.Error is not null) return gated.Error;
        var academy = gated.Runtime.Academy;
        // Resolved here rather than as handler parameters: a host without requester pages (or without a registry,
        // like the bridge's own test host) still maps this route.
        var target = context.RequestServices.GetServices<IRequesterPage>()
            .FirstOrDefault(p => string.Equals(p.Segment, page, StringComparison.Ordinal));
        if (target is null
            || context.RequestServices.GetService<IAcademyRegistry>() is not { } registry
            || !await registry.IsPluginEnabledAsync(academy.Id, target.PluginId, cancellationToken))
            return Results.NotFound();

        var (provisioned, failure) = await ArenaEndpoints.ProvisionAsync(gated, provisioner, loggers, cancellationToken);
        if (failure is not null) return failure;

        var pagePath = ArenaEndpoints.RoutePath(context, path);
        var request = new RequesterRequest(
            context,
            academy,
            Person(gated.Identity!, provisioned!),
            Portal(gated.Runtime.Settings, BridgeRoot(pagePath, page)),
            pagePath,
            path ?? "");
        return await target.HandleAsync(request, cancellationToken);
    }

    internal static RequesterIdentity Person(ArenaIdentity identity, ProvisioningResult provisioned) => new(
        identity.Login,
        provisioned.PersonId,
        provisioned.OrganizationId,
        identity.AllUaiCodes,
        string.IsNullOrEmpty(identity.FirstName) ? identity.LastName : identity.FirstName + " " + identity.LastName);

    /// <summary>
    /// Reverse-proxy mode: iTop is served under the bridge's <c>portal/</c> path, so links go through the bridge.
    /// Redirect mode: iTop's own address, taken from <c>PortalUrl</c> (everything before <c>pages/</c>).
    /// </summary>
    internal static RequesterPortal Portal(ArenaSsoSettings settings, string bridgeRoot)
    {
        var portalUrl = settings.PortalUrl;
        var portalId = PortalIdOf(portalUrl);
        if (settings.HandoffMode == ArenaHandoffMode.ReverseProxy) return new RequesterPortal(bridgeRoot + "portal/", portalId);
        var absolute = new Uri(portalUrl, UriKind.Absolute);
        var pages = absolute.AbsolutePath.IndexOf("/pages/", StringComparison.Ordinal);
        var root = pages >= 0 ? absolute.GetLeftPart(UriPartial.Authority) + absolute.AbsolutePath[..(pages + 1)] : absolute.GetLeftPart(UriPartial.Authority) + "/";
        return new RequesterPortal(root, portalId);
    }

    private static string PortalIdOf(string portalUrl)
    {
        var query = portalUrl.IndexOf('?') is var q and >= 0 ? portalUrl[(q + 1)..] : "";
        foreach (var pair in query.Split('&'))
        {
            if (pair.StartsWith("portal_id=", StringComparison.Ordinal) && pair.Length > "portal_id=".Length)
                return Uri.UnescapeDataString(pair["portal_id=".Length..]);
        }
        return "itop-portal";
    }

    /// <summary>The bridge's public path, e.g. <c>/api/academies/toulouse/arena/</c>, from the page's (<c>…/arena/catalogue/</c>).</summary>
    private static string BridgeRoot(string pagePath, string page) =>
        pagePath.EndsWith("/" + page + "/", StringComparison.Ordinal) ? pagePath[..^(page.Length + 1)] : pagePath;
}
