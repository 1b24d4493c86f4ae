namespace Amigo.Plugins.Reassignment.Tests.Integration;

/// <summary>Transfers from Toulouse's iTop to Normandie's own iTop (two simulated instances).</summary>
public sealed class TransferTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string NormandieUai = "0140096D";

    private sealed record Normandie(long Org, long Establishment, long Caller, long Team);

    private static Normandie SeedNormandie(ReassignHarness harness)
    {
        var store = harness.NormandieITop!.Store;
        var org = store.AddOrganization("Académie de Normandie", "AC-NOR");
        var establishment = store.AddOrganization("Lycée Malherbe", NormandieUai, org);
        // The same person exists in both iTops: matched by email.
        var caller = store.AddPerson(org, "Élodie", "Durand", "elodie.durand@ac-toulouse.fr");
        var team = store.AddTeam(org, "Équipe support Académie de Normandie", "support@ac-normandie.fr");
        return new Normandie(org, establishment, caller, team);
    }

    private static async Task<long> AddTicketWithJournalsAsync(ReassignHarness harness)
    {
        var id = await harness.AddTicketAsync(harness.Demo.TlsTeam, NormandieUai, title: "Imprimante du CDI hors service");
        harness.TlsITop.Store.AppendCaseLog(id, "public_log", "L'imprimante affiche « erreur 41 ».", userLogin: "Élodie Durand");
        harness.TlsITop.Store.AppendCaseLog(id, "private_log", "Établissement normand, à transférer ?", userLogin: "Hélène Martin");
        return id;
    }

    [Fact]
    public async Task A_transfer_killed_between_create_and_close_completes_once_on_the_next_run()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.NormandieTransfer, withNormandie: true,
            wrapNormandie: client => new CrashAfterCreateClient(client));
        var normandie = SeedNormandie(harness);
        var id = await AddTicketWithJournalsAsync(harness);
        var originalRef = harness.TlsITop.Store.GetField("UserRequest", id, "ref");

        await Assert.ThrowsAsync<HostDiedException>(() => harness.RunAsync());

        // The create happened, the original is untouched, the key is in the database.
        Assert.Single(harness.NormandieITop!.Store.Ids("UserRequest"));
        Assert.Equal("new", harness.TlsITop.Store.GetField("UserRequest", id, "status"));
        var pending = Assert.Single(await harness.MovesAsync());
        Assert.Equal(MoveStates.Pending, pending.State);
        Assert.Equal(CrossInstanceTransfer.KeyOf("toulouse", id, "normandie"), pending.IdempotencyKey);

        var second = await harness.RunAsync();
        var third = await harness.RunAsync();

        // Exactly one request in Normandie, found by its key instead of created again.
        Assert.Single(harness.NormandieITop.CallsOf("core/create"));
        var createdId = Assert.Single(harness.NormandieITop.Store.Ids("UserRequest"));
        var target = harness.NormandieITop.Store;
        var description = target.GetField("UserRequest", createdId, "description")!;
        Assert.Contains($"{originalRef} (académie de Toulouse)", description);
        Assert.Contains(pending.IdempotencyKey!, description);
        Assert.Contains("erreur 41", description);
        Assert.Contains("Établissement normand, à transférer ?", description);
        Assert.Equal("Imprimante du CDI hors service", target.GetField("UserRequest", createdId, "title"));
        Assert.Equal(normandie.Caller.ToString(), target.GetField("UserRequest", createdId, "caller_id"));
        Assert.Equal(normandie.Establishment.ToString(), target.GetField("UserRequest", createdId, "org_id"));
        Assert.Equal(normandie.Team.ToString(), target.GetField("UserRequest", createdId, "team_id"));
        Assert.Contains(target.GetCaseLog(createdId, "private_log"), e => e.Message.Contains(pending.IdempotencyKey!));

        // The original is closed through the stock lifecycle (ev_assign → ev_resolve → ev_close), noted once.
        var source = harness.TlsITop.Store;
        Assert.Equal("closed", source.GetField("UserRequest", id, "status"));
        Assert.Equal(["ev_assign", "ev_resolve", "ev_close"], harness.TlsITop.CallsOf("core/apply_stimulus").Select(c => (string)c["stimulus"]!));
        var createdRef = target.GetField("UserRequest", createdId, "ref");
        var notes = source.GetCaseLog(id, "private_log").Where(e => e.Message.Contains(pending.IdempotencyKey!)).ToList();
        Assert.Single(notes);
        Assert.Contains($"demande recréée sous la référence {createdRef}", notes[0].Message);
        Assert.Contains(source.GetCaseLog(id, "public_log"), e => e.Message.Contains($"l'académie de Normandie, qui la traite désormais sous la référence {createdRef}"));

        Assert.Equal(1, second.Counts["transferred"]);
        Assert.False(third.Counts.ContainsKey("transferred"));
        var done = Assert.Single(await harness.MovesAsync());
        Assert.Equal((MoveStates.Done, createdRef), (done.State, done.TargetRef));
        Assert.Contains(harness.Audit.Entries, e => e.Action == "transfer.create" && e.Outcome == "done" && e.IdempotencyKey == done.IdempotencyKey);
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_found_by_its_key_instead_of_repeated()
    {
        ITopSimulation? normandieITop = null;
        // The simulation applies the create, then cuts its answer: the client cannot know whether it happened.
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.NormandieTransfer, withNormandie: true,
            wrapNormandie: client => new BeforeCreateClient(client, () => normandieITop!.FailNextAfterApplying()));
        normandieITop = harness.NormandieITop;
        SeedNormandie(harness);
        var id = await AddTicketWithJournalsAsync(harness);

        var first = await harness.RunAsync();

        Assert.Equal(1, first.Counts["failed.outcome_unknown"]);
        Assert.Equal(MoveStates.Pending, Assert.Single(await harness.MovesAsync()).State);
        Assert.Single(harness.NormandieITop!.Store.Ids("UserRequest"));
        Assert.Equal("new", harness.TlsITop.Store.GetField("UserRequest", id, "status"));

        var second = await harness.RunAsync();

        Assert.Single(harness.NormandieITop.Store.Ids("UserRequest"));
        Assert.Single(harness.NormandieITop.CallsOf("core/create"));
        Assert.Equal("closed", harness.TlsITop.Store.GetField("UserRequest", id, "status"));
        Assert.Equal(1, second.Counts["transferred"]);
    }

    [Fact]
    public async Task A_dry_run_transfer_writes_nothing_to_either_iTop()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.NormandieTransfer, withNormandie: true);
        SeedNormandie(harness);
        await AddTicketWithJournalsAsync(harness);

        var report = await harness.RunAsync(dryRun: true);

        Assert.Equal(1, report.Counts["dry_run.transferred"]);
        Assert.Empty(ReassignHarness.Writes(harness.TlsITop));
        Assert.Empty(ReassignHarness.Writes(harness.NormandieITop!));
        Assert.Empty(harness.NormandieITop!.Store.Ids("UserRequest"));
        Assert.Empty(await harness.MovesAsync());
    }

    [Fact]
    public async Task A_transfer_without_a_matching_caller_fails_clearly_and_creates_nothing()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.NormandieTransfer, withNormandie: true);
        var store = harness.NormandieITop!.Store;
        var org = store.AddOrganization("Académie de Normandie", "AC-NOR");
        store.AddTeam(org, "Équipe support Académie de Normandie");
        var id = await AddTicketWithJournalsAsync(harness);

        var report = await harness.RunAsync();

        Assert.Equal(1, report.Counts["failed.caller_not_found"]);
        Assert.Empty(harness.NormandieITop.CallsOf("core/create"));
        Assert.Equal("new", harness.TlsITop.Store.GetField("UserRequest", id, "status"));
        Assert.Contains(harness.Audit.Entries, e => e.Outcome == "failed" && e.Reason!.Contains("elodie.durand@ac-toulouse.fr"));
    }
}
