namespace Amigo.Plugins.ArenaSso.Endpoints;

/// <summary>
/// The bridge's routes under <c>/api/academies/{academy}/arena/</c>: <c>login</c> (ARENA's entry point),
/// <c>portal/{**path}</c> (iTop behind the bridge, reverse-proxy mode), <c>whoami</c> (header debugging) and
/// <c>{page}/{**path}</c> (other plugins' requester pages, <see cref="RequesterPageEndpoint"/>).
/// </summary>
public static class ArenaEndpoints
{
    /// <summary>Maps the routes on the academy-scoped plugin group.</summary>
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapMethods("login", [HttpMethods.Get, HttpMethods.Post], LoginAsync).WithName("ArenaLogin");
        group.Map("portal/{**path}", PortalAsync).WithName("ArenaPortal");
        group.MapGet("whoami", WhoAmI).WithName("ArenaWhoAmI");
        // Literal routes above win over this one (route precedence): login, portal and whoami stay the bridge's own.
        group.MapMethods("{page}/{**path}", [HttpMethods.Get, HttpMethods.Head], RequesterPageEndpoint.HandleAsync)
            .WithName("ArenaRequesterPage");
    }

    private static async Task<IResult> LoginAsync(
        HttpContext context, ArenaRequestGate gate, ArenaProvisioner provisioner, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var gated = gate.Pass(context);
        if (gated.Error is not null) return gated.Error;
        var (_, failure) = await ProvisionAsync(gated, provisioner, loggers, cancellationToken);
        if (failure is not null) return failure;

        var settings = gated.Runtime.Settings;
        // Reverse-proxy mode: the portal lives under this bridge, next to the login route.
        var target = settings.HandoffMode == ArenaHandoffMode.Redirect
            ? settings.PortalUrl
            : $"{context.Request.PathBase}{ParentPath(context.Request.Path)}portal/{settings.PortalUrl}";
        return Results.Redirect(target);
    }

    private static async Task PortalAsync(
        HttpContext context, string? path, ArenaRequestGate gate, ArenaProvisioner provisioner, IHttpForwarder forwarder,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var gated = gate.Pass(context);
        var runtime = gated.Runtime;
        var failure = gated.Error
            ?? (runtime.HttpClient is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No portal here",
                    detail: "The ARENA bridge of this academy redirects to iTop (Redirect mode) instead of proxying it.")
                : (await ProvisionAsync(gated, provisioner, loggers, cancellationToken)).Failure);
        if (failure is not null)
        {
            await failure.ExecuteAsync(context);
            return;
        }

        runtime.ProbeOnce(context.Request.PathBase.Value ?? "", loggers.CreateLogger(typeof(ArenaPortalProbe)));
        var transformer = new ITopPortalTransformer(runtime, gated.Identity!.Login, RoutePath(context, path), time);
        var error = await forwarder.SendAsync(context, runtime.ITopWebUrl!, runtime.HttpClient!, ForwarderRequestConfig.Empty, transformer);
        if (error != ForwarderError.None)
            loggers.CreateLogger(typeof(ArenaEndpoints)).LogWarning(context.Features.Get<IForwarderErrorFeature>()?.Exception,
                "Forwarding to iTop of {Academy} failed: {Error}", runtime.Academy.Id, error);
    }

    /// <summary>
    /// The public path of a route whose tail is <c>{**path}</c>, without that tail, ending with a slash (path base
    /// included): e.g. <c>/api/academies/toulouse/arena/portal/</c> for the portal, <c>…/arena/catalogue/</c> for a page.
    /// </summary>
    internal static string RoutePath(HttpContext context, string? path)
    {
        var full = context.Request.PathBase.Add(context.Request.Path).Value ?? "/";
        var rest = path ?? "";
        var portal = rest.Length > 0 && full.EndsWith(rest, StringComparison.Ordinal) ? full[..^rest.Length] : full;
        return portal.EndsWith('/') ? portal : portal + "/";
    }

    private static IResult WhoAmI(HttpContext context, ArenaRequestGate gate, ArenaProvisioner provisioner)
    {
        var gated = gate.Pass(context);
        // An invalid identity is still shown, with its reason: that is what admins debug headers with.
        if (gated.Read is null) return gated.Error!;
        var identity = gated.Identity;
        var body = new WhoAmIResponse(
            gated.Runtime.Academy.Id,
            identity is not null,
            gated.Read.Problem,
            identity?.Login,
            identity?.Email,
            identity?.LastName,
            identity?.FirstName,
            identity?.AdministrativeFunction,
            identity?.IsHeadOfEstablishment ?? false,
            identity?.Establishments.Select(e => e.Uai.Value).ToList() ?? [],
            identity?.ResponsibleFor.Select(e => e.Uai.Value).ToList() ?? [],
            identity?.IgnoredValues ?? [],
            identity is null ? null : provisioner.Peek(gated.Runtime.Academy, identity));
        return identity is null
            ? Results.Json(body, statusCode: StatusCodes.Status400BadRequest)
            : Results.Json(body);
    }

    /// <summary>
    /// Provisions the gated person (cached): what iTop holds for them, or the <c>502</c> problem to answer when iTop
    /// refused (logged here).
    /// </summary>
    internal static async Task<(ProvisioningResult? Result, IResult? Failure)> ProvisionAsync(
        GateOutcome gated, ArenaProvisioner provisioner, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            return (await provisioner.ProvisionAsync(gated.Runtime.Academy, gated.Runtime.Settings, gated.Identity!, cancellationToken), null);
        }
        catch (ProvisioningException exception)
        {
            loggers.CreateLogger(typeof(ArenaEndpoints)).LogError(exception, "ARENA provisioning failed in {Academy}", gated.Runtime.Academy.Id);
            return (null, Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "iTop provisioning failed",
                detail: "Your iTop account could not be prepared; the support team has been told by the logs."));
        }
    }

    private static string ParentPath(PathString path)
    {
        var value = path.Value ?? "/";
        var slash = value.TrimEnd('/').LastIndexOf('/');
        return slash < 0 ? "/" : value[..(slash + 1)];
    }
}

/// <summary>What <c>whoami</c> answers: the identity the bridge understood and what it last provisioned.</summary>
public sealed record WhoAmIResponse(
    string Academy,
    bool Valid,
    string? Problem,
    string? Login,
    string? Email,
    string? LastName,
    string? FirstName,
    string? AdministrativeFunction,
    bool HeadOfEstablishment,
    IReadOnlyList<string> Establishments,
    IReadOnlyList<string> ResponsibleFor,
    IReadOnlyList<string> IgnoredValues,
    ProvisioningResult? Provisioned);
