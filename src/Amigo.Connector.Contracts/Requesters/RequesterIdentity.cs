namespace Amigo.Connector.Contracts.Requesters;

/// <summary>
/// A person asking for help whose identity an authenticating plugin (the ARENA bridge) has verified and provisioned
/// in the academy's iTop. It carries nothing a page could not show the person themselves.
/// </summary>
/// <param name="Login">The person's login (ARENA login, which is also their iTop external login).</param>
/// <param name="PersonId">Their iTop <c>Person</c> id (the caller of the requests they create).</param>
/// <param name="OrganizationId">Their iTop organization id (first establishment known to iTop, else the academy's default).</param>
/// <param name="EstablishmentCodes">UAI codes of every establishment they belong to or are responsible for, sorted.</param>
/// <param name="DisplayName">First and last name, for the page's greeting.</param>
public sealed record RequesterIdentity(
    string Login,
    long PersonId,
    long OrganizationId,
    IReadOnlyList<string> EstablishmentCodes,
    string DisplayName);

/// <summary>Where the person's browser reaches the academy's iTop (what links to iTop's portal are built on).</summary>
/// <param name="AppRootUrl">
/// iTop's application root as the browser must use it, ending with <c>/</c>: a path under the bridge in reverse-proxy
/// mode (<c>/api/academies/toulouse/arena/portal/</c>), or an absolute URL (<c>https://assistance.ac-x.fr/</c>).
/// </param>
/// <param name="PortalId">The portal's id (<c>itop-portal</c> for the stock enhanced portal).</param>
public sealed record RequesterPortal(string AppRootUrl, string PortalId);
