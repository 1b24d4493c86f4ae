namespace Amigo.Plugins.CatalogueSearch.Search;

/// <summary>A search as received from HTTP or the CLI: raw text, checked here.</summary>
/// <param name="Query">What the user typed.</param>
/// <param name="Page">1-based page number (text, default 1).</param>
/// <param name="PageSize">Rows per page (text, default from settings).</param>
/// <param name="Organization">The user's organization: iTop id or code (UAI).</param>
/// <param name="RequireOrganization">Whether a missing organization is an error (HTTP, per settings).</param>
public sealed record CatalogueSearchRequest(string? Query, string? Page = null, string? PageSize = null, string? Organization = null, bool RequireOrganization = false);

/// <summary>The result of a search, or why it was refused.</summary>
/// <param name="Result">The page of results.</param>
/// <param name="Problem">The refusal.</param>
public sealed record CatalogueSearchOutcome(CatalogueSearchResult? Result, SearchProblem? Problem)
{
    internal static CatalogueSearchOutcome Fail(SearchProblem problem) => new(null, problem);
}

/// <summary>Keyword search of an academy's catalogue, scoped to the user's organization.</summary>
public sealed class CatalogueSearchService(CatalogueIndexStore store)
{
    private readonly ConditionalWeakTable<AcademyContext, CatalogueSearchProfile> _profiles = new();

    /// <summary>The store of per-academy snapshots.</summary>
    public CatalogueIndexStore Store => store;

    /// <summary>The academy's compiled settings (cached per academy context).</summary>
    public CatalogueSearchProfile ProfileOf(AcademyContext academy) => _profiles.GetValue(academy, context =>
    {
        var settings = context.GetPluginSettings<CatalogueSearchSettings>(CatalogueSearchSettings.PluginId);
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Invalid catalogue settings of academy '{context.Id}': {string.Join("; ", problems)}");
        }
        return new CatalogueSearchProfile(settings);
    });

    /// <summary>Checks the request, brings the academy's index up if needed and searches it.</summary>
    public async Task<CatalogueSearchOutcome> SearchAsync(AcademyContext academy, CatalogueSearchRequest request, CancellationToken cancellationToken)
    {
        var profile = ProfileOf(academy);
        if (Check(request, profile.Settings) is { } problem)
        {
            return CatalogueSearchOutcome.Fail(problem);
        }
        var catalogue = await store.GetAsync(academy.Id, profile, cancellationToken);
        return Search(catalogue, profile, request);
    }

    /// <summary>Searches a snapshot (no I/O): validation, organization scope, analysis, ranking, paging.</summary>
    public static CatalogueSearchOutcome Search(AcademyCatalogue catalogue, CatalogueSearchProfile profile, CatalogueSearchRequest request)
    {
        var settings = profile.Settings;
        if (Check(request, settings) is { } problem)
        {
            return CatalogueSearchOutcome.Fail(problem);
        }
        QueryValidator.ParsePage(request.Page, settings.MaxPage, out var page);
        QueryValidator.ParsePageSize(request.PageSize, settings.PageSize, settings.MaxPageSize, out var pageSize);
        long? orgId = null;
        if (request.Organization is not null)
        {
            orgId = catalogue.Scope.Resolve(request.Organization);
            if (orgId is null)
            {
                return CatalogueSearchOutcome.Fail(new SearchProblem(
                    "org_unknown", $"Organization '{request.Organization}' is not known in academy '{catalogue.AcademyId}'.", 404));
            }
        }
        var allowed = catalogue.AllowedDocs(orgId, profile.VisibleStatuses, profile.VisibleStatusesKey);
        return new CatalogueSearchOutcome(Search(catalogue, profile, request.Query!, allowed, orgId, page, pageSize), null);
    }

    /// <summary>
    /// The search itself, shared by the API and the requester page (no I/O): analysis, ranking over the documents
    /// <paramref name="allowed"/> (the caller's scope), paging. The query and page must already have been checked.
    /// </summary>
    /// <param name="catalogue">The academy's snapshot.</param>
    /// <param name="profile">The academy's compiled settings.</param>
    /// <param name="query">The validated query.</param>
    /// <param name="allowed">Per document of the snapshot's index: whether the caller may see it.</param>
    /// <param name="organizationId">The organization reported in the result (null: none given).</param>
    /// <param name="page">1-based page number.</param>
    /// <param name="pageSize">Rows per page.</param>
    public static CatalogueSearchResult Search(
        AcademyCatalogue catalogue, CatalogueSearchProfile profile, string query, bool[] allowed, long? organizationId, int page, int pageSize)
    {
        var parsed = profile.Parser.Parse(query);
        var (total, hits) = CatalogueRanker.Search(catalogue, parsed, allowed, profile.Settings.MinRelativeScore, page, pageSize);
        return new CatalogueSearchResult(catalogue.AcademyId, query, organizationId, page, pageSize, total, (total + pageSize - 1) / pageSize, hits);
    }

    private static SearchProblem? Check(CatalogueSearchRequest request, CatalogueSearchSettings settings)
    {
        if (QueryValidator.Validate(request.Query, settings.MaxQueryLength) is { } queryProblem)
        {
            return queryProblem;
        }
        if (QueryValidator.ParsePage(request.Page, settings.MaxPage, out _) is { } pageProblem)
        {
            return pageProblem;
        }
        if (QueryValidator.ParsePageSize(request.PageSize, settings.PageSize, settings.MaxPageSize, out _) is { } sizeProblem)
        {
            return sizeProblem;
        }
        if (QueryValidator.ValidateOrganization(request.Organization) is { } orgProblem)
        {
            return orgProblem;
        }
        if (request.RequireOrganization && request.Organization is null)
        {
            return new SearchProblem("org_missing", "'org' (the user's organization id or code) is required: offers vary by organization.");
        }
        return null;
    }
}
