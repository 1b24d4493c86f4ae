namespace Amigo.Plugins.CatalogueSearch.Data;

/// <summary>An organization's right to a service (a row of <c>service_offers</c>).</summary>
/// <param name="OrgId">iTop id of the customer organization.</param>
/// <param name="ServiceId">iTop id of the service.</param>
public sealed record ServiceOffer(long OrgId, long ServiceId);

/// <summary>An organization of the academy (a row of <c>organizations</c>).</summary>
/// <param name="Id">iTop id.</param>
/// <param name="Name">Name.</param>
/// <param name="Code">Code (often the establishment's UAI).</param>
/// <param name="ParentId">Parent organization.</param>
public sealed record OrganizationNode(long Id, string Name, string? Code, long? ParentId);

/// <summary>
/// A cheap summary of what the index was built from; a refresh compares it first and reloads only the parts whose
/// summary changed.
/// </summary>
/// <param name="EntryCount">Rows of <c>catalogue_entries</c>.</param>
/// <param name="EntriesLastSyncedAt">Their highest <c>synced_at</c>.</param>
/// <param name="EntryIdSum">Sum of their subcategory ids (catches a delete and an insert between two checks).</param>
/// <param name="OffersSignature">Count and checksum of <c>service_offers</c>.</param>
/// <param name="OrganizationsSignature">Count, highest <c>synced_at</c> and checksum of <c>organizations</c>.</param>
public sealed record CatalogueFingerprint(
    long EntryCount,
    DateTimeOffset? EntriesLastSyncedAt,
    long EntryIdSum,
    string OffersSignature,
    string OrganizationsSignature)
{
    /// <summary>Whether the catalogue rows are the same as in <paramref name="other"/>.</summary>
    public bool SameEntries(CatalogueFingerprint? other) =>
        other is not null && EntryCount == other.EntryCount && EntriesLastSyncedAt == other.EntriesLastSyncedAt && EntryIdSum == other.EntryIdSum;

    /// <summary>Whether offers and organizations are the same as in <paramref name="other"/>.</summary>
    public bool SameScope(CatalogueFingerprint? other) =>
        other is not null && OffersSignature == other.OffersSignature && OrganizationsSignature == other.OrganizationsSignature;
}
