namespace Amigo.Connector.RealITop.Tests;

/// <summary>Reassignment against the real iTop dispatches misrouted tickets to the platform team, with the journal note.</summary>
[Collection(RealITopCollection.Name)]
public sealed class ReassignAgainstRealITopTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Platform = "DSI Plateforme Assistance MPL";
    private const string Montpellier = "Académie de Montpellier";

    [RealITopFact]
    public async Task Misrouted_montpellier_tickets_go_to_the_mpl_platform_in_a_state_the_console_accepts()
    {
        var lab = RealITopLab.Current!;
        await using var connector = await LabConnector.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["Plugins:reassign:Enabled"] = "true",
            ["Plugins:reassign:Rules:0:Name"] = "Demandes de Montpellier",
            ["Plugins:reassign:Rules:0:StatusGroups:0"] = "Open",
            ["Plugins:reassign:Rules:0:CallerOrganizations:0"] = Montpellier,
            ["Plugins:reassign:Rules:0:TeamNotIn:0"] = Platform,
            ["Plugins:reassign:Rules:0:TargetTeam"] = Platform,
        });
        var teams = await lab.TeamsAsync();
        var platform = teams.Single(team => team.Value == Platform).Key;
        var montpellier = await lab.ScalarAsync<long>("SELECT id FROM organization WHERE name = @name", ("@name", Montpellier));
        Assert.Equal("succeeded", (await connector.RunAsync("sync")).Outcome);

        // Expected from iTop's database: Montpellier's open requests outside the platform team, without an agent.
        var before = await lab.UserRequestsAsync();
        string[] open = ["new", "assigned", "escalated_tto", "escalated_ttr"];
        var expected = before.Values
            .Where(row => row.OrgId == montpellier && open.Contains(row.Status) && row.TeamId != platform && row.AgentId is null)
            .Select(row => row.Id).Order().ToList();
        Assert.NotEmpty(expected); // the lab seeds R-000008: Montpellier, still new, in HELPDESK

        var run = await connector.RunAsync("reassign");

        Assert.True(run.Outcome == "succeeded", $"{run.Outcome}: {run.Summary} {run.Error}");
        var after = await lab.UserRequestsAsync();
        var moved = after.Values.Where(row => before.TryGetValue(row.Id, out var was) && was.TeamId != row.TeamId).Select(row => row.Id).Order().ToList();
        Assert.Equal(expected, moved);
        // The console's own rule, asked of iTop: no attribute the new state makes mandatory is empty.
        Assert.All(await lab.ConsoleMissingAttributesAsync(moved), ticket => Assert.True(ticket.Value.Length == 0,
            $"iTop's console calls R-{ticket.Key:000000} ({after[ticket.Key].Status}) incomplete: {string.Join(", ", ticket.Value)} empty"));
        foreach (var id in moved)
        {
            var ticket = after[id];
            Assert.Equal(platform, ticket.TeamId);
            var journal = await lab.ScalarAsync<string>("SELECT private_log FROM ticket WHERE id = @id", ("@id", id));
            Assert.Contains($"Réaffectation automatique : équipe « {(before[id].TeamId is { } from ? teams[from] : "aucune")} » → « {Platform} » (règle « Demandes de Montpellier »)", journal);
        }

        // A second run moves nothing.
        Assert.Equal("succeeded", (await connector.RunAsync("sync")).Outcome);
        Assert.Equal(0, (await connector.RunAsync("reassign")).Counts.GetValueOrDefault("moved"));
    }
}
