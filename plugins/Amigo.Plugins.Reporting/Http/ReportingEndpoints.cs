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
        group.MapGet("/reports", ListReportsAsync);
        group.MapGet("/reports/{name}", RunReportAsync);
    }

    // The reports offered to the academy of the URL: a contributed report whose plugin it does not enable is left out.
    private static async Task<IResult> ListReportsAsync(IAcademyAccessor academies, ReportCatalog catalog, CancellationToken cancellationToken) =>
        Results.Json((await catalog.OfferedAsync(academies.Current.Id, cancellationToken)).Select(report => new
        {
            name = report.Name,
            title = report.Title,
            description = report.Description,
            view = report.ViewName,
            function = report.FunctionName,
            period = report.PeriodMeaning,
            materialized = report.Materialized,
            plugin = report.PluginId,
            chart = report.Chart is { } chart
                ? new
                {
                    label = new { column = chart.Label.Name, title = chart.Label.Label },
                    series = chart.Series.Select(series => new { column = series.Name, title = series.Label }),
                }
                : null,
        }));

    private static async Task<IResult> RunReportAsync(
        string name, HttpContext context, IAcademyAccessor academies, ReportCatalog catalog, ReportRunner runner, CancellationToken cancellationToken)
    {
        var academyId = academies.Current.Id;
        var report = catalog.Find(name);
        if (report is null)
            return Results.Problem(
                $"Unknown report '{name}'. Reports: {string.Join(", ", (await catalog.OfferedAsync(academyId, cancellationToken)).Select(r => r.Name))}.",
                statusCode: StatusCodes.Status404NotFound);
        if (!await catalog.IsOfferedAsync(report, academyId, cancellationToken))
            return Results.Problem(ReportCatalog.NotOfferedReason(report, academyId), statusCode: StatusCodes.Status404NotFound);

        var query = context.Request.Query;
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

        ReportResult result;
        try
        {
            result = await runner.RunAsync(report, filter, cancellationToken);
        }
        catch (Exception exception) when (MissingReportFunction.Is(exception))
        {
            // A deployment problem, not a bug: say which function is missing and how to create it.
            return Results.Problem(MissingReportFunction.Explain(report), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
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
