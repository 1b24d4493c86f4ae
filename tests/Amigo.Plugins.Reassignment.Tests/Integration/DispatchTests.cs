namespace Amigo.Plugins.Reassignment.Tests.Integration;

/// <summary>Dispatch inside one iTop (Toulouse and Montpellier share it, as in recordings 55, 100, 102, 103).</summary>
public sealed class DispatchTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string MontpellierUai = "0340100Z";

    /// <summary>The simulation refuses what iTop's console would call incomplete (mandatory attributes of the state, ev_reassign's must_change).</summary>
    private static readonly ITopSimulationOptions ConsoleRules = new() { ConsoleMandatoryAttributes = ITopSimulationOptions.StockStateMandatoryAttributes };

    [Fact]
    public async Task A_new_ticket_stays_new_in_the_MPL_platform_queue_with_a_note()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule(), toulouseOptions: ConsoleRules);
        var id = await harness.AddTicketAsync(harness.Demo.TlsTeam, MontpellierUai, "new");

        var report = await harness.RunAsync();

        var store = harness.TlsITop.Store;
        Assert.Equal(harness.Demo.MplTeam.ToString(), store.GetField("UserRequest", id, "team_id"));
        Assert.Equal("new", store.GetField("UserRequest", id, "status"));      // stock iTop has no "dispatched" state
        Assert.Equal("0", store.GetField("UserRequest", id, "agent_id"));
        Assert.Empty(harness.TlsITop.CallsOf("core/apply_stimulus"));
        var call = Assert.Single(harness.TlsITop.CallsOf("core/update"));
        Assert.Null(call["fields"]!["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)call["comment"]));
        AssertNote(store, id);
        Assert.Equal(1, report.Counts["moved"]);
        // Decided (with the key also written in the call's comment) before the write, done after it.
        var audit = harness.Audit.Entries.Where(e => e.Action == "dispatch").ToList();
        Assert.Equal([("decided", id), ("done", id)], audit.Select(e => (e.Outcome, e.ITopKey!.Value)));
        Assert.Equal(audit[0].IdempotencyKey + ":done", audit[1].IdempotencyKey);
        Assert.Contains($"[{audit[0].IdempotencyKey}]", (string?)call["comment"]);
        var move = Assert.Single(await harness.MovesAsync());
        Assert.Equal((MoveStates.Done, harness.Demo.TlsTeam, harness.Demo.MplTeam), (move.State, move.FromTeamId!.Value, move.ToTeamId!.Value));
    }

    [Theory]
    [InlineData("assigned")]      // recording 103: ev_reassign changing the team
    [InlineData("escalated_ttr")]
    public async Task An_assigned_ticket_is_reassigned_to_the_MPL_platform_and_one_of_its_agents(string status)
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule(allowAssigned: true), toulouseOptions: ConsoleRules);
        var id = await harness.AddTicketAsync(harness.Demo.TlsTeam, MontpellierUai, status, agentId: harness.Demo.AgentSebastien);

        var report = await harness.RunAsync();

        var store = harness.TlsITop.Store;
        Assert.Equal(harness.Demo.MplTeam.ToString(), store.GetField("UserRequest", id, "team_id"));
        Assert.Equal("assigned", store.GetField("UserRequest", id, "status"));
        // The console's assigned state needs an agent, and ev_reassign must change it: the MPL platform's only agent.
        Assert.Equal(harness.Demo.AgentFrancois.ToString(), store.GetField("UserRequest", id, "agent_id"));
        var call = Assert.Single(harness.TlsITop.CallsOf("core/apply_stimulus"));
        Assert.Equal("ev_reassign", (string?)call["stimulus"]);
        Assert.Null(call["fields"]!["status"]);
        AssertNote(store, id);
        Assert.Equal(1, report.Counts["moved"]);
    }

    [Fact]
    public async Task An_assigned_ticket_is_not_moved_to_a_team_without_agents()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule(allowAssigned: true), toulouseOptions: ConsoleRules);
        harness.TlsITop.Store.RemoveTeamMember(harness.Demo.MplTeam, harness.Demo.AgentFrancois);
        var id = await harness.AddTicketAsync(harness.Demo.TlsTeam, MontpellierUai, "assigned", agentId: harness.Demo.AgentSebastien);

        var report = await harness.RunAsync();

        Assert.Empty(ReassignHarness.Writes(harness.TlsITop));
        Assert.Equal(harness.Demo.TlsTeam.ToString(), harness.TlsITop.Store.GetField("UserRequest", id, "team_id"));
        Assert.Equal(1, report.Counts["skipped.target_team_has_no_agent"]);
    }

    // The note, then the write's key (what the next run looks for after a crash).
    private static void AssertNote(ITopSimulationStore store, long id) =>
        Assert.Matches(
            "^" + System.Text.RegularExpressions.Regex.Escape("Réaffectation automatique : équipe « DSI Plateforme Assistance TLS » → « DSI Plateforme Assistance MPL » "
            + "(règle « Établissements de Montpellier »). Motif : établissement 0340100Z rattaché à l'académie de Montpellier. (connecteur Amigo, réf. [reassign:dispatch:")
            + @"[^\]]+\]\)$",
            store.GetCaseLog(id, "private_log").Last().Message);

    [Fact]
    public async Task A_lost_answer_is_reconciled_from_itops_change_history_at_the_next_run()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule());
        var id = await harness.AddTicketAsync(harness.Demo.TlsTeam, MontpellierUai);
        var toulouse = harness.Toulouse;
        // The stimulus is applied but its answer is lost: the run cannot know whether the ticket moved.
        var losing = new AcademyContext(toulouse.Id, toulouse.DisplayName, toulouse.TimeZone, toulouse.Lifecycle, toulouse.FieldMap,
            new LostStimulusAnswerClient(toulouse.ITop, harness.TlsITop), TestAcademy.Configuration(Settings.MontpellierRule()));

        var first = await harness.RunAsync(academy: losing);
        Assert.Equal(1, first.Counts["failed.itop_error"]);
        Assert.Equal(harness.Demo.MplTeam.ToString(), harness.TlsITop.Store.GetField("UserRequest", id, "team_id"));

        var second = await harness.RunAsync();

        // iTop's history holds the write with the decision's key: done, and the move is remembered (guards see it).
        Assert.Equal(1, second.Counts["reconciled"]);
        Assert.Single(harness.TlsITop.CallsOf("core/update")); // a stock 'new' ticket: its team changes, its state stays
        var done = harness.Audit.Entries.Where(e => e.Action == "dispatch" && e.Outcome == "done").ToList();
        Assert.Equal("reconciled", Assert.Single(done).Reason);
        Assert.Contains(await harness.MovesAsync(), m => m.State == MoveStates.Done && m.ToTeamId == harness.Demo.MplTeam);
        Assert.Equal(0, (await harness.RunAsync()).Counts.GetValueOrDefault("reconciled"));
    }

    /// <summary>Applies stimuli and updates, then answers as if the connection dropped (the simulation's cut answer).</summary>
    private sealed class LostStimulusAnswerClient(IITopClient inner, ITopSimulation simulation) : DelegatingITopClient(inner)
    {
        public override Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default)
        {
            simulation.FailNextAfterApplying();
            return Inner.UpdateAsync(write, cancellationToken);
        }

        public override Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default)
        {
            simulation.FailNextAfterApplying();
            return Inner.ApplyStimulusAsync(stimulus, cancellationToken);
        }
    }

    [Fact]
    public async Task A_ticket_already_in_the_right_team_is_left_alone()
    {
        // No TeamNotIn in the rule: the plugin itself must see the ticket is where the rule would send it.
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule(excludeTarget: false));
        var id = await harness.AddTicketAsync(harness.Demo.MplTeam, MontpellierUai, "assigned");

        var report = await harness.RunAsync();

        Assert.Empty(ReassignHarness.Writes(harness.TlsITop));
        Assert.Equal(1, report.Counts["skipped.already_in_target"]);
        Assert.Equal(harness.Demo.MplTeam.ToString(), harness.TlsITop.Store.GetField("UserRequest", id, "team_id"));
        Assert.Empty(await harness.MovesAsync());
    }

    [Fact]
    public async Task Invalid_uai_codes_are_reported_and_not_routed_where_unchecked_codes_are_refused()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule(acceptUnchecked: false));
        var badLetter = await harness.AddTicketAsync(harness.Demo.TlsTeam, "0340024T");
        var badLength = await harness.AddTicketAsync(harness.Demo.TlsTeam, "034002T");

        var first = await harness.RunAsync();
        var second = await harness.RunAsync();

        Assert.Empty(ReassignHarness.Writes(harness.TlsITop));
        foreach (var report in new[] { first, second })
        {
            Assert.Equal(1, report.Counts["uai.invalid.wrong_check_letter"]);
            Assert.Equal(1, report.Counts["uai.invalid.wrong_length"]);
            Assert.False(report.Counts.ContainsKey("moved"));
        }
        // Audited once per ticket and code, not at every run.
        var audits = harness.Audit.Entries.Where(e => e.Action == "uai.invalid").ToList();
        Assert.Equal(2, audits.Count);
        Assert.Contains(audits, a => a.ITopKey == badLetter && a.Reason!.Contains("wrong check letter (expected"));
        Assert.Contains(audits, a => a.ITopKey == badLength && a.Reason!.Contains("must be 7 digits and a letter"));
        Assert.All(audits, a => Assert.Equal("skipped", a.Outcome));
    }

    [Fact]
    public async Task A_wrong_check_letter_is_routed_by_its_departement_where_the_academy_accepts_unchecked_codes()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule(acceptUnchecked: true));
        var badLetter = await harness.AddTicketAsync(harness.Demo.TlsTeam, "0340024T");
        var badLength = await harness.AddTicketAsync(harness.Demo.TlsTeam, "034002T");

        var report = await harness.RunAsync();

        var store = harness.TlsITop.Store;
        Assert.Equal(harness.Demo.MplTeam.ToString(), store.GetField("UserRequest", badLetter, "team_id"));
        Assert.Equal(harness.Demo.TlsTeam.ToString(), store.GetField("UserRequest", badLength, "team_id"));
        Assert.Equal(1, report.Counts["moved"]);
        Assert.Equal(1, report.Counts["uai.routed_unchecked"]);
        Assert.Equal(1, report.Counts["uai.invalid.wrong_length"]);
        Assert.Contains("établissement 0340024T rattaché à l'académie de Montpellier (code UAI à lettre de contrôle incorrecte",
            store.GetCaseLog(badLetter, "private_log").Last().Message);
        Assert.Contains(harness.Audit.Entries, a => a.Action == "uai.invalid" && a.ITopKey == badLetter && a.Outcome == "decided");
    }

    [Fact]
    public async Task Repeated_runs_do_not_ping_pong()
    {
        // A second, badly written rule would send every webmail ticket of the MPL platform back to Toulouse's.
        const string backToToulouse = """
            ,{ "Name": "Webmail à Toulouse", "TeamIn": [ "DSI Plateforme Assistance MPL" ], "Services": [ "Webmail académique" ],
               "TargetTeam": "DSI Plateforme Assistance TLS" }
            """;
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule(extraRules: backToToulouse));
        var id = await harness.AddTicketAsync(harness.Demo.TlsTeam, MontpellierUai);

        var first = await harness.RunAsync();
        await harness.SyncAsync(id, MontpellierUai);
        var second = await harness.RunAsync();
        // An agent puts it back by hand; within the window the rule leaves it there.
        harness.TlsITop.Store.SetFields("UserRequest", id, new Dictionary<string, string> { ["team_id"] = harness.Demo.TlsTeam.ToString() });
        await harness.SyncAsync(id, MontpellierUai);
        var third = await harness.RunAsync();
        var fourth = await harness.RunAsync();

        Assert.Single(harness.TlsITop.CallsOf("core/update"));
        Assert.Equal(1, first.Counts["moved"]);
        Assert.Equal(1, second.Counts["skipped.ping_pong"]);
        Assert.Equal(1, third.Counts["skipped.moved_within_window"]);
        Assert.Equal(1, fourth.Counts["skipped.moved_within_window"]);
        Assert.Single(await harness.MovesAsync());
    }

    [Fact]
    public async Task A_ticket_an_agent_is_working_on_is_left_alone()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule());
        var id = await harness.AddTicketAsync(harness.Demo.TlsTeam, MontpellierUai, "assigned", agentId: harness.Demo.AgentSebastien);

        var report = await harness.RunAsync();

        Assert.Empty(ReassignHarness.Writes(harness.TlsITop));
        Assert.Equal(1, report.Counts["skipped.agent_assigned"]);
        Assert.Equal(harness.Demo.AgentSebastien.ToString(), harness.TlsITop.Store.GetField("UserRequest", id, "agent_id"));
    }

    [Fact]
    public async Task A_dry_run_writes_nothing()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule());
        var id = await harness.AddTicketAsync(harness.Demo.TlsTeam, MontpellierUai);
        await harness.AddTicketAsync(harness.Demo.TlsTeam, "0340024T");

        var dry = await harness.RunAsync(dryRun: true);

        Assert.NotEmpty(harness.TlsITop.CallsOf("core/get"));
        Assert.Empty(ReassignHarness.Writes(harness.TlsITop));
        Assert.Empty(harness.TlsITop.Store.GetCaseLog(id, "private_log"));
        Assert.Empty(await harness.MovesAsync());
        Assert.Equal(1, dry.Counts["dry_run.moved"]);
        Assert.DoesNotContain(harness.Audit.Entries, e => e.Outcome != "dry-run");
        var decision = Assert.Single(dry.Decisions, d => d.Outcome == "dry-run");
        Assert.StartsWith("Réaffectation automatique", decision.Note);

        // The dry run consumed nothing: the real run still moves the ticket.
        var real = await harness.RunAsync();
        Assert.Equal(1, real.Counts["moved"]);
    }
}
