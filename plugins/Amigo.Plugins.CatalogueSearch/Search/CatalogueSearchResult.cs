namespace Amigo.Plugins.CatalogueSearch.Search;

/// <summary>One row of the results: the five catalogue levels and what a new request needs.</summary>
/// <param name="Rank">Position in the whole result list (1-based).</param>
/// <param name="Score">Relevance (higher is better; comparable within one query only).</param>
/// <param name="Domain">Domaine de service.</param>
/// <param name="FamilyGroup">Groupe de famille.</param>
/// <param name="Family">Famille de service.</param>
/// <param name="Service">Service.</param>
/// <param name="Subcategory">Sous catégorie de service.</param>
/// <param name="ServiceId"><c>service_id</c> of the request to create.</param>
/// <param name="ServiceSubcategoryId"><c>servicesubcategory_id</c> of the request to create.</param>
/// <param name="RequestType"><c>request_type</c> of the request to create (<c>service_request</c> or <c>incident</c>).</param>
/// <param name="FamilyId">iTop id of the service family.</param>
/// <param name="Usage">Tickets of the academy in this subcategory (the ranking's tie-break).</param>
public sealed record CatalogueSearchHit(
    int Rank,
    double Score,
    string? Domain,
    string? FamilyGroup,
    string? Family,
    string Service,
    string Subcategory,
    long ServiceId,
    long ServiceSubcategoryId,
    string? RequestType,
    long? FamilyId,
    int Usage);

/// <summary>A page of results.</summary>
/// <param name="Academy">Academy id.</param>
/// <param name="Query">The query as received.</param>
/// <param name="OrganizationId">The organization the results are scoped to (null: whole catalogue).</param>
/// <param name="Page">Page number (1-based).</param>
/// <param name="PageSize">Rows per page.</param>
/// <param name="Total">Matching rows in all.</param>
/// <param name="TotalPages">Pages in all.</param>
/// <param name="Items">The rows of the page.</param>
public sealed record CatalogueSearchResult(
    string Academy,
    string Query,
    long? OrganizationId,
    int Page,
    int PageSize,
    int Total,
    int TotalPages,
    IReadOnlyList<CatalogueSearchHit> Items);
