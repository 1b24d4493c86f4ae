namespace Amigo.Plugins.Reporting.Reports;

/// <summary>The rows of a report run, column names as in the SQL view.</summary>
/// <param name="Report">The report.</param>
/// <param name="Filter">The filters applied.</param>
/// <param name="Columns">Column names (snake_case, as in the view).</param>
/// <param name="Rows">Values: string, long, decimal, DateOnly, DateTimeOffset or null.</param>
/// <param name="DataAsOf">When the materialized views feeding the report were last refreshed (null for live reports).</param>
public sealed record ReportResult(
    ReportDefinition Report,
    ReportFilter Filter,
    IReadOnlyList<string> Columns,
    IReadOnlyList<object?[]> Rows,
    DateTimeOffset? DataAsOf)
{
    /// <summary>The value of a column in a row.</summary>
    public object? Value(object?[] row, string column)
    {
        var index = IndexOf(column);
        return index < 0 ? throw new ArgumentException($"Report '{Report.Name}' has no column '{column}'.", nameof(column)) : row[index];
    }

    private int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i] == column)
                return i;
        return -1;
    }
}
