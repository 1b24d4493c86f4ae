namespace Amigo.Connector.Host.Api;

/// <summary>
/// Checks every <c>/api</c> call before its handler (for plugin endpoints too, whatever they map): the
/// <c>X-Api-Key</c> (401 without a known key), the academy (404 unknown; 403 when the key is scoped to another academy),
/// and for plugin endpoints that the plugin is enabled for that academy (404 otherwise).
/// </summary>
internal sealed class ApiGateMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Api-Key";
    internal const string KeyItem = "amigo.apikey";

    public async Task InvokeAsync(HttpContext context, ConnectorSettings settings, IAcademyRegistry registry)
    {
        var access = context.GetEndpoint()?.Metadata.GetMetadata<ApiAccess>();
        if (access is null)
        {
            await next(context);
            return;
        }

        ApiKey? key = null;
        if (access.RequiresKey)
        {
            key = Find(settings, context.Request.Headers[HeaderName].ToString());
            if (key is null)
            {
                await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "An API key is required",
                    detail: $"Send a valid key in the {HeaderName} header.").ExecuteAsync(context);
                return;
            }
            context.Items[KeyItem] = key;
            context.User = PrincipalOf(key);
        }

        if (access.AcademyScoped)
        {
            var academyId = context.GetRouteValue("academy") as string;
            var academy = academyId is null ? null : registry.Find(academyId);
            if (academy is null)
            {
                await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown academy '{academyId}'").ExecuteAsync(context);
                return;
            }
            if (key is not null && !key.Allows(academy.Id))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: $"The key '{key.Name}' is limited to academy '{key.Academy}'").ExecuteAsync(context);
                return;
            }
            if (access.PluginId is not null && !await registry.IsPluginEnabledAsync(academy.Id, access.PluginId, context.RequestAborted))
            {
                await Results.Problem(statusCode: StatusCodes.Status404NotFound,
                    title: $"Plugin '{access.PluginId}' is not enabled for academy '{academy.Id}'").ExecuteAsync(context);
                return;
            }
            context.Items[HttpAcademyAccessor.ItemKey] = academy;
        }

        await next(context);
    }

    // Plugins see the caller through the standard principal (ConnectorCaller), never through host types.
    private static ClaimsPrincipal PrincipalOf(ApiKey key)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, key.Name) };
        if (key.IsAdmin) claims.Add(new Claim(ClaimTypes.Role, ConnectorCaller.AdminRole));
        else claims.Add(new Claim(ConnectorCaller.AcademyClaim, key.Academy!));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ConnectorCaller.AuthenticationType));
    }

    private static ApiKey? Find(ConnectorSettings settings, string presented)
    {
        if (string.IsNullOrEmpty(presented)) return null;
        var bytes = Encoding.UTF8.GetBytes(presented);
        ApiKey? found = null;
        // Every key is compared in constant time so the answer time says nothing about near misses.
        foreach (var key in settings.ApiKeys)
            if (CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(key.Key))) found = key;
        return found;
    }
}

/// <summary>Reads what the gate established for the request.</summary>
public static class ApiCaller
{
    /// <summary>The key the caller presented (null on endpoints without a key).</summary>
    public static ApiKey? GetApiKey(this HttpContext context) => context.Items[ApiGateMiddleware.KeyItem] as ApiKey;
}
