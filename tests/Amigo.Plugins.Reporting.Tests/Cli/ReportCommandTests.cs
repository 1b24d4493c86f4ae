namespace Amigo.Plugins.Reporting.Tests.Cli;

public class ReportCommandTests(ReportingDataFixture data) : IClassFixture<ReportingDataFixture>
{
    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var root = new RootCommand("amigo");
        foreach (var command in new ReportingPlugin().CreateCommands(data.Services))
            root.Subcommands.Add(command);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Table_format_prints_the_report()
    {
        var (exit, output, _) = await RunAsync("report", "backlog-age", "--academy", "toulouse");

        Assert.Equal(0, exit);
        Assert.Matches(@"toulouse\s+4\s+> 30 j\s+2", output);
        Assert.Contains("(4 rows)", output);
    }

    [Fact]
    public async Task Csv_and_json_formats_with_a_period()
    {
        var (_, csv, _) = await RunAsync("report", "closure-origin", "--academy", "toulouse", "--from", "2025-03-01", "--to", "2025-04-01", "--format", "csv");
        var (_, json, _) = await RunAsync("report", "resolution-times", "--academy", "toulouse", "--team", "10", "--from", "2025-03-01", "--format", "json");

        Assert.Equal("academy_id,origin,origin_label,tickets\r\ntoulouse,requester,Fermé par le demandeur,2\r\ntoulouse,automatic,Fermé automatiquement,2\r\n", csv);
        var row = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal(37m, row.GetProperty("resolve_p90_hours").GetDecimal());
    }

    [Fact]
    public async Task Every_academy_with_a_star()
    {
        var (exit, output, _) = await RunAsync("report", "academies", "--academy", "*", "--format", "csv");

        Assert.Equal(0, exit);
        Assert.Contains("\r\nmontpellier,", output);
        Assert.Contains("\r\ntoulouse,", output);
    }

    [Theory]
    [InlineData("report", "nope", "--academy", "toulouse")]
    [InlineData("report", "weekly-flow")]
    [InlineData("report", "weekly-flow", "--academy", "toulouse", "--from", "2025-04-01", "--to", "2025-03-01")]
    public async Task Bad_arguments_fail_with_a_message(params string[] arguments)
    {
        var (exit, _, error) = await RunAsync(arguments);

        Assert.Equal(2, exit);
        Assert.NotEmpty(error.Trim());
    }

    [Fact]
    public async Task Without_a_name_it_lists_the_reports()
    {
        var (exit, output, _) = await RunAsync("report");

        Assert.Equal(0, exit);
        Assert.Contains("report_open_by_team_agent", output);
    }
}
