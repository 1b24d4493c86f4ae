namespace Amigo.Plugins.Reporting.Export;

/// <summary>The JSON shape of a report: its name, title, filters, columns, and rows as objects keyed by column.</summary>
public static class JsonReportWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The report as a JSON document.</summary>
    public static JsonObject ToJson(ReportResult result)
    {
        var rows = new JsonArray();
        foreach (var row in result.Rows)
        {
            var item = new JsonObject();
            for (var i = 0; i < result.Columns.Count; i++)
                item[result.Columns[i]] = ToNode(row[i]);
            rows.Add(item);
        }
        return new JsonObject
        {
            ["report"] = result.Report.Name,
            ["title"] = result.Report.Title,
            ["view"] = result.Report.ViewName,
            ["academy"] = result.Filter.AcademyId ?? "*",
            ["team"] = result.Filter.TeamId,
            ["from"] = result.Filter.From?.ToString("yyyy-MM-dd"),
            ["to"] = result.Filter.To?.ToString("yyyy-MM-dd"),
            ["dataAsOf"] = result.DataAsOf,
            ["columns"] = new JsonArray(result.Columns.Select(column => (JsonNode?)JsonValue.Create(column)).ToArray()),
            ["rows"] = rows,
        };
    }

    /// <summary>The report as indented JSON text (CLI).</summary>
    public static string Format(ReportResult result) => ToJson(result).ToJsonString(Indented);

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        DateOnly date => JsonValue.Create(date.ToString("yyyy-MM-dd")),
        _ => JsonValue.Create(ReportValueBox(value)),
    };

    private static JsonElement ReportValueBox(object value) => JsonSerializer.SerializeToElement(value, value.GetType());
}
