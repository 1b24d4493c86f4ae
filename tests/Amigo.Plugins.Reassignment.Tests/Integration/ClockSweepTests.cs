namespace Amigo.Plugins.Reassignment.Tests.Integration;

/// <summary>
/// The rules' dispatch age and the move window are measured with the host's clock, on any date: far from the day the
/// suite runs, on DST nights and holidays. A component reading the machine's clock moves the ticket too early
/// (dates before today: everything looks old) or never (dates after today: everything looks dispatched in the future).
/// </summary>
public sealed class ClockSweepTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string MontpellierUai = "0340100Z";

    private const string RuleWithDispatchAge = """
        {
          "reassign": {
            "MoveWindow": "7.00:00:00",
            "Rules": [
              {
                "Name": "Établissements de Montpellier",
                "StatusGroups": [ "Open" ],
                "EstablishmentAcademies": [ "montpellier" ],
                "TeamNotIn": [ "DSI Plateforme Assistance MPL" ],
                "MinSinceDispatch": "03:00:00",
                "AllowAssigned": true,
                "TargetTeam": "DSI Plateforme Assistance MPL"
              }
            ]
          }
        }
        """;

    [Theory]
    [MemberData(nameof(ClockSweep.Moments), MemberType = typeof(ClockSweep))]
    public async Task Dispatch_age_and_move_window_follow_the_host_clock(string moment)
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, RuleWithDispatchAge,
            toulouseOptions: new ITopSimulationOptions { StartLocalTime = ClockSweep.Local(moment) });
        var store = harness.TlsITop.Store;
        var id = await harness.AddTicketAsync(harness.Demo.TlsTeam, MontpellierUai, "assigned"); // dispatched 2 h ago

        var early = await harness.RunAsync();
        Assert.Equal(0, early.Counts.GetValueOrDefault("moved"));
        Assert.Equal(harness.Demo.TlsTeam.ToString(), store.GetField("UserRequest", id, "team_id"));

        harness.TlsITop.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1)); // dispatched 3 h 01 ago
        var due = await harness.RunAsync();
        Assert.Equal(1, due.Counts.GetValueOrDefault("moved"));
        Assert.Equal(harness.Demo.MplTeam.ToString(), store.GetField("UserRequest", id, "team_id"));

        // An agent sends it back (stock iTop: to a Toulouse agent): within the move window the rule does not move it
        // again, after the window it does.
        store.SetFields("UserRequest", id, new Dictionary<string, string> { ["team_id"] = harness.Demo.TlsTeam.ToString(), ["agent_id"] = harness.Demo.AgentSebastien.ToString() });
        await harness.SyncAsync(id, MontpellierUai);
        harness.TlsITop.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        var within = await harness.RunAsync();
        Assert.Equal(0, within.Counts.GetValueOrDefault("moved"));
        Assert.Equal(1, within.Counts.GetValueOrDefault("skipped.moved_within_window"));

        harness.TlsITop.Clock.Advance(TimeSpan.FromMinutes(2));
        var after = await harness.RunAsync();
        Assert.Equal(1, after.Counts.GetValueOrDefault("moved"));
        Assert.Equal(harness.Demo.MplTeam.ToString(), store.GetField("UserRequest", id, "team_id"));
    }
}
