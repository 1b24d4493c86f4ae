namespace Amigo.Plugins.CatalogueSearch.Tests.Fixtures;

/// <summary>An <see cref="ICatalogueSource"/> over lists, counting what each refresh loads.</summary>
public sealed class InMemoryCatalogueSource : ICatalogueSource
{
    private readonly object _gate = new();

    /// <summary>Rows by subcategory id.</summary>
    public Dictionary<long, CatalogueRow> Rows { get; } = [];
    /// <summary>Offers.</summary>
    public List<ServiceOffer> Offers { get; } = [];
    /// <summary>Organizations.</summary>
    public List<OrganizationNode> Organizations { get; } = [];
    /// <summary>Usage by subcategory id.</summary>
    public Dictionary<long, int> Usage { get; } = [];
    /// <summary>Ids requested by the last <see cref="GetEntriesAsync"/>.</summary>
    public IReadOnlyCollection<long> LastLoadedIds { get; private set; } = [];
    /// <summary>Calls of <see cref="GetOffersAsync"/>.</summary>
    public int OfferLoads { get; private set; }

    /// <summary>A source holding the Normandie fixture.</summary>
    public static InMemoryCatalogueSource Normandie()
    {
        var source = new InMemoryCatalogueSource();
        foreach (var row in NormandieCatalogue.Rows)
        {
            source.Rows[row.SubcategoryId] = row;
        }
        source.Offers.AddRange(NormandieCatalogue.Offers);
        source.Organizations.AddRange(NormandieCatalogue.Organizations);
        foreach (var (id, count) in NormandieCatalogue.Usage)
        {
            source.Usage[id] = count;
        }
        return source;
    }

    /// <inheritdoc />
    public Task<CatalogueFingerprint> GetFingerprintAsync(string academyId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(new CatalogueFingerprint(
                Rows.Count,
                Rows.Count == 0 ? null : Rows.Values.Max(row => row.SyncedAt),
                Rows.Keys.Sum(),
                $"{Offers.Count}:{Offers.Sum(offer => offer.OrgId * 7919 + offer.ServiceId)}",
                $"{Organizations.Count}:{Organizations.Sum(org => org.Id * 31 + (org.ParentId ?? 0))}"));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<long, DateTimeOffset>> GetEntryVersionsAsync(string academyId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<long, DateTimeOffset>>(Rows.ToDictionary(pair => pair.Key, pair => pair.Value.SyncedAt));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CatalogueRow>> GetEntriesAsync(string academyId, IReadOnlyCollection<long> subcategoryIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            LastLoadedIds = subcategoryIds.ToList();
            return Task.FromResult<IReadOnlyList<CatalogueRow>>(subcategoryIds.Select(id => Rows[id]).ToList());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ServiceOffer>> GetOffersAsync(string academyId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            OfferLoads++;
            return Task.FromResult<IReadOnlyList<ServiceOffer>>(Offers.ToList());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OrganizationNode>> GetOrganizationsAsync(string academyId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OrganizationNode>>(Organizations.ToList());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<long, int>> GetUsageAsync(string academyId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<long, int>>(new Dictionary<long, int>(Usage));
        }
    }
}
