namespace Amigo.Connector.Host.Api;

/// <summary>
/// <c>GET /health/ready</c> (no key): the preflight <c>serve</c> ran at start, per academy. 503 until every academy has
/// been checked once, then 200: an academy whose checks failed is listed <c>ready: false</c> with its lines but does not
/// make the host unready, since the host still serves the others.
/// </summary>
internal static class ReadinessEndpoints
{
    public static IEndpointRouteBuilder MapReadinessEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/ready", (PreflightResults results) =>
        {
            var body = new
            {
                complete = results.Complete,
                academies = results.ByAcademy.Values.OrderBy(r => r.Academy, StringComparer.Ordinal)
                    .Select(r => new { academy = r.Academy, ready = r.Ready, checkedAt = r.CheckedAt, lines = r.Lines }),
                notes = AcademyCheck.Notes,
            };
            return Results.Json(body, statusCode: results.Complete ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).WithSummary("The start-up preflight of each academy (amigo check).");
        return app;
    }
}
