namespace Amigo.Plugins.CatalogueSearch.Data;

/// <summary>Where the index reads an academy's synced catalogue, offers, organizations and usage.</summary>
public interface ICatalogueSource
{
    /// <summary>The summary compared by incremental refreshes.</summary>
    Task<CatalogueFingerprint> GetFingerprintAsync(string academyId, CancellationToken cancellationToken);

    /// <summary>Every subcategory id with its <c>synced_at</c> (the row version).</summary>
    Task<IReadOnlyDictionary<long, DateTimeOffset>> GetEntryVersionsAsync(string academyId, CancellationToken cancellationToken);

    /// <summary>The full rows of these subcategories.</summary>
    Task<IReadOnlyList<CatalogueRow>> GetEntriesAsync(string academyId, IReadOnlyCollection<long> subcategoryIds, CancellationToken cancellationToken);

    /// <summary>Every organization → service offer.</summary>
    Task<IReadOnlyList<ServiceOffer>> GetOffersAsync(string academyId, CancellationToken cancellationToken);

    /// <summary>Every organization.</summary>
    Task<IReadOnlyList<OrganizationNode>> GetOrganizationsAsync(string academyId, CancellationToken cancellationToken);

    /// <summary>Tickets per subcategory (not deleted; started at or after <paramref name="since"/> when given).</summary>
    Task<IReadOnlyDictionary<long, int>> GetUsageAsync(string academyId, DateTimeOffset? since, CancellationToken cancellationToken);
}
