namespace Amigo.Connector.Host.Api;

/// <summary>Endpoint metadata read by <see cref="ApiGateMiddleware"/>: who may call and for which academy.</summary>
/// <param name="RequiresKey">Whether an <c>X-Api-Key</c> is needed.</param>
/// <param name="AcademyScoped">Whether the route has an <c>{academy}</c> value to check.</param>
/// <param name="PluginId">The plugin serving the endpoint (404 where disabled); null for host endpoints.</param>
public sealed record ApiAccess(bool RequiresKey, bool AcademyScoped, string? PluginId = null);
