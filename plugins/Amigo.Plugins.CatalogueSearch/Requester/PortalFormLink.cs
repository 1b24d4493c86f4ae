namespace Amigo.Plugins.CatalogueSearch.Requester;

/// <summary>
/// The URL of iTop's portal creation form for one catalogue row, prefilled as the portal's own services brick does:
/// the same route and an <c>ar_token</c> carrying the same rules and sources (<c>BrowseBrickHelper::PrepareActionRulesForItems</c>
/// seals the row's family, service and subcategory with the action's rules). The portal ignores plain
/// <c>service_id=</c> parameters: the token is the only prefill it honours.
/// </summary>
public static class PortalFormLink
{
    /// <summary>The rules of the stock services brick's <c>create_from_this</c> action (itop-tickets datamodel).</summary>
    public static readonly IReadOnlyList<string> Rules = ["contact-to-userrequest", "servicesubcategory-to-userrequest", "go-to-open-request-on-submit"];

    private const string FactoryMethod = "\\Ticket::CreateFromServiceSubcategory";

    /// <summary>The creation form's URL for <paramref name="row"/> as the browser reaches the portal.</summary>
    public static string For(CatalogueRow row, RequesterPortal portal, PortalTokenCipher cipher, PortalFormRoute route)
    {
        var path = route == PortalFormRoute.Factory
            ? $"pages/exec.php/object/create-from-factory/ServiceSubcategory/{row.SubcategoryId}/{Convert.ToBase64String(Encoding.UTF8.GetBytes(FactoryMethod))}"
            : "pages/exec.php/object/create/UserRequest";
        return $"{portal.AppRootUrl}{path}?exec_module=itop-portal-base&exec_page=index.php&portal_id={Uri.EscapeDataString(portal.PortalId)}"
            + $"&ar_token={Uri.EscapeDataString(cipher.Encrypt(TokenJson(row)))}";
    }

    /// <summary>
    /// The token's content as PHP's <c>json_encode</c> writes it: <c>{"rules":[…],"sources":{"ServiceFamily":f,"Service":s,"ServiceSubcategory":c},"salt":"…"}</c>.
    /// </summary>
    public static string TokenJson(CatalogueRow row)
    {
        var sources = new Dictionary<string, long>();
        if (row.FamilyId is { } family) sources["ServiceFamily"] = family;
        sources["Service"] = row.ServiceId;
        sources["ServiceSubcategory"] = row.SubcategoryId;
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["rules"] = Rules,
            ["sources"] = sources,
            ["salt"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(8)),
        });
    }
}
