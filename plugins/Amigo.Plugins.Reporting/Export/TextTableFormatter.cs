namespace Amigo.Plugins.Reporting.Export;

/// <summary>A plain aligned text table for the terminal (line breaks inside values are shown as spaces).</summary>
public static class TextTableFormatter
{
    /// <summary>The table text of a report.</summary>
    public static string Format(ReportResult result)
    {
        var cells = result.Rows
            .Select(row => row.Select(value => ReportValueText.Format(value).ReplaceLineEndings(" ")).ToArray())
            .ToList();
        var widths = result.Columns.Select((column, i) => Math.Max(column.Length, cells.Count == 0 ? 0 : cells.Max(row => row[i].Length))).ToArray();
        var numeric = result.Columns.Select((_, i) => result.Rows.All(row => row[i] is null or long or int or decimal or double)).ToArray();

        var builder = new StringBuilder();
        AppendRow(builder, result.Columns.ToArray(), widths, numeric);
        builder.AppendLine(string.Join("  ", widths.Select(width => new string('-', width))));
        foreach (var row in cells)
            AppendRow(builder, row, widths, numeric);
        builder.AppendLine($"({result.Rows.Count} rows)");
        return builder.ToString();
    }

    private static void AppendRow(StringBuilder builder, string[] cells, int[] widths, bool[] numeric)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                builder.Append("  ");
            builder.Append(numeric[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }
        builder.AppendLine();
    }
}
