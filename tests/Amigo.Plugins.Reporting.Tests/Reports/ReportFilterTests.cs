namespace Amigo.Plugins.Reporting.Tests.Reports;

public class ReportFilterTests
{
    [Fact]
    public void Parses_team_and_period()
    {
        var (filter, problems) = ReportFilter.Parse("toulouse", "11", "2025-03-01", "2025-04-01");

        Assert.Empty(problems);
        Assert.Equal(new ReportFilter("toulouse", 11, new DateOnly(2025, 3, 1), new DateOnly(2025, 4, 1)), filter);
    }

    [Theory]
    [InlineData("abc", null, null, "team")]
    [InlineData("-3", null, null, "team")]
    [InlineData(null, "01/03/2025", null, "from")]
    [InlineData(null, null, "2025-13-01", "to")]
    [InlineData(null, "2025-04-01", "2025-03-01", "before")]
    [InlineData(null, "2025-03-01", "2025-03-01", "before")]
    public void Bad_input_is_refused_with_a_message_naming_the_parameter(string? team, string? from, string? to, string expected)
    {
        var (filter, problems) = ReportFilter.Parse("toulouse", team, from, to);

        Assert.Null(filter);
        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));
    }
}
