namespace Amigo.Plugins.Reassignment.Tests.Integration;

/// <summary>The academies' customised lifecycle: the profile's stimuli are used, never a written status.</summary>
public sealed class CustomLifecycleTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_dispatched_ticket_is_redispatched_with_the_profile_stimulus()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule(),
            lifecycle: AcademyLifecycle.Profile, toulouseOptions: AcademyLifecycle.Simulation);
        var id = await harness.AddTicketAsync(harness.Demo.TlsTeam, "0340100Z", status: "dispatched");

        var report = await harness.RunAsync();

        Assert.Equal(1, report.Counts["moved"]);
        Assert.Equal("ev_redispatch", (string?)Assert.Single(harness.TlsITop.CallsOf("core/apply_stimulus"))["stimulus"]);
        Assert.Equal("redispatched", harness.TlsITop.Store.GetField("UserRequest", id, "status"));
        Assert.Equal(harness.Demo.MplTeam.ToString(), harness.TlsITop.Store.GetField("UserRequest", id, "team_id"));
    }

    [Fact]
    public async Task A_transferred_original_is_cancelled_in_one_step_when_the_profile_can_cancel()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.NormandieTransfer, withNormandie: true,
            lifecycle: AcademyLifecycle.Profile, toulouseOptions: AcademyLifecycle.Simulation);
        var store = harness.NormandieITop!.Store;
        var org = store.AddOrganization("Académie de Normandie", "AC-NOR");
        store.AddPerson(org, "Élodie", "Durand", "elodie.durand@ac-toulouse.fr");
        store.AddTeam(org, "Équipe support Académie de Normandie");
        var id = await harness.AddTicketAsync(harness.Demo.TlsTeam, "0140096D", status: "dispatched");

        var report = await harness.RunAsync();

        Assert.Equal(1, report.Counts["transferred"]);
        Assert.Equal("ev_cancel", (string?)Assert.Single(harness.TlsITop.CallsOf("core/apply_stimulus"))["stimulus"]);
        Assert.Equal("cancelled", harness.TlsITop.Store.GetField("UserRequest", id, "status"));
        // No establishment organization in Normandie: the caller's organization is used.
        Assert.Equal(org.ToString(), store.GetField("UserRequest", Assert.Single(store.Ids("UserRequest")), "org_id"));
    }
}
