namespace Amigo.Plugins.Reporting.Tests.Export;

public class CsvFormatterTests
{
    private static ReportResult Result(params object?[][] rows) => new(
        BuiltInReports.Find("open-by-establishment")!, new ReportFilter("toulouse"),
        ["establishment_uai", "org_name", "total"], rows, null);

    [Fact]
    public void French_text_with_commas_quotes_and_line_breaks_is_quoted_and_quotes_are_doubled()
    {
        var csv = CsvFormatter.Format(Result(
            ["0310094J", "Lycée Pierre de Fermat, Toulouse", 3L],
            ["0311240E", "Collège \"Les Arènes\"", 12L],
            ["0340024T", "École élémentaire\r\nJean Jaurès\nbâtiment B", 1L],
            ["0140096D", "Rectorat", null]));

        Assert.Equal(
            "establishment_uai,org_name,total\r\n" +
            "0310094J,\"Lycée Pierre de Fermat, Toulouse\",3\r\n" +
            "0311240E,\"Collège \"\"Les Arènes\"\"\",12\r\n" +
            "0340024T,\"École élémentaire\r\nJean Jaurès\nbâtiment B\",1\r\n" +
            "0140096D,Rectorat,\r\n",
            csv);
    }

    [Fact]
    public void Bytes_start_with_the_utf8_byte_order_mark_and_keep_accents()
    {
        var bytes = CsvFormatter.ToUtf8Bytes(Result(["0310094J", "Lycée", 1L]));

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("establishment_uai,org_name,total\r\n0310094J,Lycée,1\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public void Semicolon_delimiter_quotes_semicolons_but_not_commas()
    {
        var csv = CsvFormatter.Format(Result(["A;B", "Lycée, Toulouse", 2.5m]), ';');

        Assert.Equal("establishment_uai;org_name;total\r\n\"A;B\";Lycée, Toulouse;2.5\r\n", csv);
    }

    [Fact]
    public void Values_are_written_without_culture()
    {
        var result = new ReportResult(BuiltInReports.Find("weekly-flow")!, new ReportFilter("toulouse"),
            ["week_start", "median", "at"],
            [[new DateOnly(2025, 3, 3), 1234.5m, new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(1))]], null);
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
        try
        {
            Assert.Equal("week_start,median,at\r\n2025-03-03,1234.5,2025-03-03T08:00:00Z\r\n", CsvFormatter.Format(result));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData('"')]
    [InlineData('\n')]
    public void A_quote_or_line_break_cannot_be_the_delimiter(char delimiter) =>
        Assert.Throws<ArgumentException>(() => CsvFormatter.Format(Result(), delimiter));
}
