namespace Amigo.Plugins.CatalogueSearch.Indexing;

/// <summary>
/// One subcategory of an academy's catalogue with the levels above it (a row of <c>catalogue_entries</c>):
/// <em>Domaine de service</em> &gt; <em>Groupe de famille</em> &gt; <em>Famille de service</em> &gt; <em>Service</em>
/// &gt; <em>Sous catégorie de service</em>. The two upper levels are null where the academy's iTop has none.
/// </summary>
public sealed record CatalogueRow
{
    /// <summary>iTop id of the ServiceSubcategory (<c>servicesubcategory_id</c> of a new request).</summary>
    public required long SubcategoryId { get; init; }
    /// <summary>Sous catégorie de service.</summary>
    public required string SubcategoryName { get; init; }
    /// <summary>Description of the subcategory.</summary>
    public string? SubcategoryDescription { get; init; }
    /// <summary><c>service_request</c> or <c>incident</c> (the <c>request_type</c> of a new request).</summary>
    public string? RequestType { get; init; }
    /// <summary>iTop status of the subcategory (<c>production</c>, <c>implementation</c>, <c>obsolete</c>).</summary>
    public string? SubcategoryStatus { get; init; }
    /// <summary>iTop id of the Service (<c>service_id</c> of a new request).</summary>
    public required long ServiceId { get; init; }
    /// <summary>Service.</summary>
    public required string ServiceName { get; init; }
    /// <summary>Description of the service.</summary>
    public string? ServiceDescription { get; init; }
    /// <summary>iTop status of the service.</summary>
    public string? ServiceStatus { get; init; }
    /// <summary>iTop id of the ServiceFamily.</summary>
    public long? FamilyId { get; init; }
    /// <summary>Famille de service.</summary>
    public string? FamilyName { get; init; }
    /// <summary>Groupe de famille (from the academy's field map).</summary>
    public string? FamilyGroupName { get; init; }
    /// <summary>Domaine de service (from the academy's field map).</summary>
    public string? DomainName { get; init; }
    /// <summary>When the sync last wrote the row: the version used by incremental rebuilds.</summary>
    public DateTimeOffset SyncedAt { get; init; }
}
