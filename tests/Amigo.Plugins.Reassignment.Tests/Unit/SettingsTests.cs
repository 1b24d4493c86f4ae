namespace Amigo.Plugins.Reassignment.Tests.Unit;

public sealed class SettingsTests
{
    // The Toulouse example of docs/plugins/reassignment.md.
    internal const string ToulouseExample = """
        {
          "reassign": {
            "AcceptUncheckedUai": true,
            "MoveWindow": "7.00:00:00",
            "MaxMovesPerRun": 200,
            "Rules": [
              {
                "Name": "Établissements de Montpellier",
                "StatusGroups": [ "Open" ],
                "EstablishmentAcademies": [ "montpellier" ],
                "TeamNotIn": [ "DSI Plateforme Assistance MPL" ],
                "TargetTeam": "DSI Plateforme Assistance MPL"
              },
              {
                "Name": "Établissements de Normandie",
                "EstablishmentAcademies": [ "normandie" ],
                "MinSinceDispatch": "00:15:00",
                "TargetTeam": "Équipe support Académie de Normandie",
                "TransferToAcademy": "normandie"
              },
              {
                "Name": "Tickets sans équipe",
                "TeamIn": [ "HELPDESK", "3" ],
                "AgentAssigned": false,
                "Services": [ "Webmail académique" ],
                "TargetTeam": "4"
              }
            ]
          }
        }
        """;

    [Fact]
    public void The_documented_example_binds_and_validates()
    {
        var academy = TestAcademy.FromJson("toulouse", null, ToulouseExample, "Académie de Toulouse");

        var settings = academy.GetPluginSettings<ReassignmentSettings>("reassign");

        Assert.Empty(settings.Validate(academy));
        Assert.True(settings.AcceptUncheckedUai);
        Assert.Equal(3, settings.Rules.Count);
        Assert.Equal([StatusGroup.Open], settings.Rules[0].StatusGroups);
        Assert.Equal(TimeSpan.FromMinutes(15), settings.Rules[1].MinSinceDispatch);
        Assert.True(settings.Rules[1].IsTransferFrom("toulouse"));
        Assert.False(settings.Rules[0].IsTransferFrom("toulouse"));
        Assert.Equal(false, settings.Rules[2].AgentAssigned);
    }

    [Fact]
    public void Invalid_rules_are_reported_with_their_name()
    {
        var academy = TestAcademy.FromJson("toulouse", null, "{}", "Académie de Toulouse");
        var settings = new ReassignmentSettings
        {
            MoveWindow = TimeSpan.Zero,
            Rules =
            [
                new ReassignmentRule { Name = "a", TargetTeam = "" },
                new ReassignmentRule { Name = "A", TargetTeam = "x", Statuses = ["dispatched_twice"] },
                new ReassignmentRule { Name = "", TargetTeam = "x" },
                new ReassignmentRule { Name = "b", TargetTeam = "x", MinSinceDispatch = TimeSpan.FromHours(2), MaxSinceDispatch = TimeSpan.FromHours(1) },
            ],
        };

        var problems = settings.Validate(academy).ToList();

        Assert.Contains(problems, p => p.Contains("MoveWindow"));
        Assert.Contains(problems, p => p.Contains("rule 'a': TargetTeam"));
        Assert.Contains(problems, p => p.Contains("rule 'A' is defined twice"));
        Assert.Contains(problems, p => p.Contains("'dispatched_twice' is unknown"));
        Assert.Contains(problems, p => p.Contains("Rules[2].Name"));
        Assert.Contains(problems, p => p.Contains("rule 'b': MinSinceDispatch is greater"));
    }
}
