namespace Amigo.Plugins.Reporting.Http;

/// <summary>
/// The plugin's HTTP surface under <c>/api/academies/{academy}/reporting</c>: the French dashboard and its assets,
/// the report catalogue, and each report as JSON or CSV. The host has checked the API key and the academy already.
/// </summary>
public static class ReportingEndpoints
{
    /// <summary>Maps the endpoints on the academy-scoped plugin group.</summary>
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/", (HttpContext context) => Results.Redirect(DashboardPath(context)));
        group.MapGet("/dashboard", () => Asset("dashboard.html"));
        group.MapGet("/assets/{file}", (string file) => Asset(file));
        group.MapGet("/reports", () => Results.Json(ReportCatalog.All.Select(report => new
        {
            name = report.Name,
            title = report.Title,
            description = report.Description,
            view = report.ViewName,
            function = report.FunctionName,
            period = report.PeriodMeaning,
            materialized = report.Materialized,
        })));
        group.MapGet("/reports/{name}", RunReportAsync);
    }

    private static async Task<IResult> RunReportAsync(
        string name, HttpContext context, IAcademyAccessor academies, ReportRunner runner, CancellationToken cancellationToken)
    {
        var report = ReportCatalog.Find(name);
        if (report is null)
            return Results.Problem(
                $"Unknown report '{name}'. Reports: {string.Join(", ", ReportCatalog.All.Select(r => r.Name))}.",
                statusCode: StatusCodes.Status404NotFound);

        var query = context.Request.Query;
        var academyId = academies.Current.Id;
        if (query["scope"].ToString() is { Length: > 0 } scope)
        {
            if (scope != "all")
                return BadRequest($"scope: '{scope}' is not known; use scope=all for every academy (admin key only).");
            if (!ReportingAccess.IsAdmin(context.User))
                return Results.Problem("scope=all shows every academy: it needs an admin API key.", statusCode: StatusCodes.Status403Forbidden);
            academyId = null;
        }

        var (filter, problems) = ReportFilter.Parse(academyId, query["team"], query["from"], query["to"]);
        if (filter is null)
            return BadRequest(string.Join(" ", problems));

        var format = query["format"].ToString();
        if (format is not ("" or "json" or "csv"))
            return BadRequest($"format: '{format}' is not known; use json or csv.");
        var delimiter = query["delimiter"].ToString() switch
        {
            "" or "comma" or "," => ',',
            "semicolon" or ";" => ';',
            var other => (char?)null,
        };
        if (delimiter is null)
            return BadRequest("delimiter: use comma (default, RFC 4180) or semicolon (Excel with French settings).");

        var result = await runner.RunAsync(report, filter, cancellationToken);
        if (format == "csv")
        {
            var fileName = $"{report.Name}-{filter.AcademyId ?? "toutes-academies"}.csv";
            return Results.File(CsvFormatter.ToUtf8Bytes(result, delimiter.Value), CsvFormatter.ContentType, fileName);
        }
        return Results.Json(JsonReportWriter.ToJson(result));
    }

    private static IResult Asset(string file)
    {
        var bytes = DashboardAssets.Find(file);
        return bytes is null ? Results.NotFound() : Results.Bytes(bytes, DashboardAssets.ContentTypeOf(file));
    }

    private static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    private static string DashboardPath(HttpContext context) =>
        context.Request.PathBase + context.Request.Path.Value!.TrimEnd('/') + "/dashboard";
}
