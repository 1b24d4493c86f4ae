namespace Amigo.Plugins.Reassignment.Tests.Integration;

public sealed class ReassignCommandTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static async Task<(int Exit, string Output, string Error)> InvokeAsync(ReassignHarness harness, params string[] args)
    {
        var root = new RootCommand("amigo");
        foreach (var command in new ReassignmentPlugin().CreateCommands(harness.Services)) root.Subcommands.Add(command);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(["reassign", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Dry_run_with_json_prints_the_decisions_and_writes_nothing()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule());
        await harness.AddTicketAsync(harness.Demo.TlsTeam, "0340100Z");

        var (exit, output, _) = await InvokeAsync(harness, "--academy", "toulouse", "--dry-run", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, json.RootElement.GetProperty("counts").GetProperty("dry_run.moved").GetInt64());
        var decision = Assert.Single(json.RootElement.GetProperty("decisions").EnumerateArray());
        Assert.Equal("DSI Plateforme Assistance MPL", decision.GetProperty("toTeam").GetString());
        Assert.Empty(ReassignHarness.Writes(harness.TlsITop));
    }

    [Fact]
    public async Task A_run_prints_a_summary_line()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule());
        await harness.AddTicketAsync(harness.Demo.TlsTeam, "0340100Z");

        var (exit, output, _) = await InvokeAsync(harness, "--academy", "TOULOUSE");

        Assert.Equal(0, exit);
        Assert.Contains("toulouse: 1 moved", output);
        Assert.Single(harness.TlsITop.CallsOf("core/update")); // a stock 'new' ticket keeps its state, its team changes
    }

    [Fact]
    public async Task An_unknown_academy_is_refused_with_the_known_ones()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule());

        var (exit, _, error) = await InvokeAsync(harness, "--academy", "bordeaux");

        Assert.Equal(3, exit);
        Assert.Contains("Unknown academy 'bordeaux'", error);
        Assert.Contains("toulouse", error);
        Assert.Empty(harness.TlsITop.Calls);
    }
}
