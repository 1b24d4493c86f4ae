namespace Amigo.Connector.Contracts.Requesters;

/// <summary>
/// A page for requesters (staff of the academy's establishments) that a plugin offers and an authenticating plugin
/// serves under its own path, after its own checks: the ARENA bridge serves it at
/// <c>/api/academies/{academy}/arena/{Segment}/…</c>, a path ARENA's proxy already protects, and calls
/// <see cref="HandleAsync"/> only with a verified, provisioned person. So the page never authenticates anyone and
/// never answers without a person. Register implementations in <see cref="Plugins.IConnectorPlugin.ConfigureServices"/>;
/// the serving plugin calls one only where <see cref="PluginId"/> is enabled for the academy.
/// </summary>
public interface IRequesterPage
{
    /// <summary>The plugin offering the page (it must be enabled for the academy).</summary>
    string PluginId { get; }

    /// <summary>Path segment of the page under the serving plugin's path (lower case, digits, hyphens), e.g. <c>catalogue</c>.</summary>
    string Segment { get; }

    /// <summary>Answers one request of the page.</summary>
    Task<IResult> HandleAsync(RequesterRequest request, CancellationToken cancellationToken);
}

/// <summary>One request of a requester page.</summary>
/// <param name="Http">The HTTP request (query, headers; the page writes nothing to it but its result).</param>
/// <param name="Academy">The academy.</param>
/// <param name="Person">The verified person.</param>
/// <param name="Portal">Where the browser reaches iTop.</param>
/// <param name="BasePath">The public path of the page's root as the browser used it, ending with <c>/</c> (path base included).</param>
/// <param name="SubPath">What follows <paramref name="BasePath"/> (empty for the page itself).</param>
public sealed record RequesterRequest(
    HttpContext Http,
    AcademyContext Academy,
    RequesterIdentity Person,
    RequesterPortal Portal,
    string BasePath,
    string SubPath);
