namespace Amigo.Plugins.Reporting.Export;

/// <summary>
/// RFC 4180 CSV: CRLF line ends, a header line, fields holding the delimiter, a quote, CR or LF are quoted and their
/// quotes doubled. Written as UTF-8 with a byte-order mark so Excel reads French accents correctly.
/// </summary>
public static class CsvFormatter
{
    /// <summary>The content type of the output.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The CSV text of a report (no byte-order mark; see <see cref="ToUtf8Bytes"/>).</summary>
    public static string Format(ReportResult result, char delimiter = ',')
    {
        if (delimiter is '"' or '\r' or '\n')
            throw new ArgumentException("A CSV delimiter cannot be a quote or a line break.", nameof(delimiter));
        var builder = new StringBuilder();
        AppendLine(builder, result.Columns, delimiter);
        foreach (var row in result.Rows)
            AppendLine(builder, row.Select(ReportValueText.Format), delimiter);
        return builder.ToString();
    }

    /// <summary>The CSV bytes of a report: UTF-8 with a byte-order mark.</summary>
    public static byte[] ToUtf8Bytes(ReportResult result, char delimiter = ',')
    {
        var text = Format(result, delimiter);
        var preamble = Utf8WithBom.GetPreamble();
        var bytes = new byte[preamble.Length + Utf8WithBom.GetByteCount(text)];
        preamble.CopyTo(bytes, 0);
        Utf8WithBom.GetBytes(text, 0, text.Length, bytes, preamble.Length);
        return bytes;
    }

    /// <summary>One field, quoted when RFC 4180 requires it.</summary>
    public static string Escape(string field, char delimiter = ',')
    {
        var needsQuotes = field.Contains(delimiter) || field.AsSpan().IndexOfAny('"', '\r', '\n') >= 0;
        return needsQuotes ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    private static void AppendLine(StringBuilder builder, IEnumerable<string> fields, char delimiter)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
                builder.Append(delimiter);
            builder.Append(Escape(field, delimiter));
            first = false;
        }
        builder.Append("\r\n");
    }
}
