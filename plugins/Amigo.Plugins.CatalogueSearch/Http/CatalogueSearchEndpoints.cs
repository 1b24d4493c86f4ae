namespace Amigo.Plugins.CatalogueSearch.Http;

/// <summary>
/// <c>GET /api/academies/{academy}/catalogue/search?q=…&amp;page=…&amp;pageSize=…&amp;org=…</c>: JSON page of results,
/// or a problem document (400 for a bad query, page or organization reference, 404 for an unknown organization).
/// </summary>
public static class CatalogueSearchEndpoints
{
    private static readonly string[] Parameters = ["q", "page", "pageSize", "org"];

    /// <summary>Maps the endpoints on the academy- and plugin-scoped group.</summary>
    public static void Map(IEndpointRouteBuilder academyGroup)
    {
        academyGroup.MapGet("/search", SearchAsync)
            .WithName("CatalogueSearch")
            .WithSummary("Keyword search of the academy's service catalogue, scoped to the user's organization.")
            .Produces<CatalogueSearchResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The search handler.</summary>
    public static async Task<IResult> SearchAsync(HttpContext http, IAcademyAccessor academies, CatalogueSearchService service, CancellationToken cancellationToken)
    {
        if (StrictQueryString.Check(http.Request, Parameters, "q") is { } refused)
        {
            return Problem(refused);
        }
        var query = http.Request.Query;
        var academy = academies.Current;
        var settings = service.ProfileOf(academy).Settings;
        var request = new CatalogueSearchRequest(
            Value(query, "q"),
            Value(query, "page"),
            Value(query, "pageSize"),
            Value(query, "org"),
            settings.RequireOrganization);
        var outcome = await service.SearchAsync(academy, request, cancellationToken);
        return outcome.Problem is { } problem ? Problem(problem) : Results.Ok(outcome.Result);
    }

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString() : null;

    private static IResult Problem(SearchProblem problem) => Results.Problem(
        title: problem.StatusCode == StatusCodes.Status404NotFound ? "Not found" : "Invalid catalogue search",
        detail: problem.Message,
        statusCode: problem.StatusCode,
        extensions: new Dictionary<string, object?> { ["code"] = problem.Code });
}
