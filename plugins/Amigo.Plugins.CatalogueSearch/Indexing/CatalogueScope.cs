namespace Amigo.Plugins.CatalogueSearch.Indexing;

/// <summary>
/// Which services each organization may request (stock iTop: the services of its customer contracts), and how to
/// find an organization from what a caller passes: its iTop id or its code (an establishment's UAI).
/// </summary>
public sealed class CatalogueScope
{
    private readonly Dictionary<long, HashSet<long>> _servicesByOrg = [];
    private readonly Dictionary<long, OrganizationNode> _organizations = [];
    private readonly Dictionary<string, OrganizationNode> _organizationsByCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _inheritParentOffers;

    /// <summary>Builds the scope from offers and organizations.</summary>
    public CatalogueScope(IEnumerable<ServiceOffer> offers, IEnumerable<OrganizationNode> organizations, bool inheritParentOffers)
    {
        _inheritParentOffers = inheritParentOffers;
        foreach (var offer in offers)
        {
            if (!_servicesByOrg.TryGetValue(offer.OrgId, out var services))
            {
                _servicesByOrg[offer.OrgId] = services = [];
            }
            services.Add(offer.ServiceId);
        }
        foreach (var organization in organizations)
        {
            _organizations[organization.Id] = organization;
            if (!string.IsNullOrWhiteSpace(organization.Code))
            {
                _organizationsByCode.TryAdd(organization.Code.Trim(), organization);
            }
        }
    }

    /// <summary>Whether organizations inherit their parents' offers.</summary>
    public bool InheritParentOffers => _inheritParentOffers;

    /// <summary>
    /// The organization id a caller means by <paramref name="reference"/>: a known iTop id, a known code, or an id
    /// that only has offers (organizations not synced yet); null when unknown.
    /// </summary>
    public long? Resolve(string reference)
    {
        var text = reference.Trim();
        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            && (_organizations.ContainsKey(id) || _servicesByOrg.ContainsKey(id)))
        {
            return id;
        }
        return _organizationsByCode.TryGetValue(text, out var organization) ? organization.Id : null;
    }

    /// <summary>The organization, when synced.</summary>
    public OrganizationNode? Find(long id) => _organizations.GetValueOrDefault(id);

    /// <summary>Services offered to the organization (and, when inherited, to its ancestors).</summary>
    public HashSet<long> ServicesOf(long orgId)
    {
        var services = new HashSet<long>();
        var seen = new HashSet<long>();
        long? current = orgId;
        while (current is { } id && seen.Add(id))
        {
            if (_servicesByOrg.TryGetValue(id, out var own))
            {
                services.UnionWith(own);
            }
            if (!_inheritParentOffers)
            {
                break;
            }
            current = _organizations.GetValueOrDefault(id)?.ParentId;
        }
        return services;
    }
}
