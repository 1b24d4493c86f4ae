namespace Amigo.Plugins.AutoClose.Tests.Running;

/// <summary>Runs against the stateful simulated iTop and real PostgreSQL. Stimulus shapes mirror recordings 109 (ev_close) and 112 (public_log in a stimulus).</summary>
public sealed class AutoCloseRunTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly DateTime Resolved = new(2026, 11, 2, 9, 15, 0);

    [Fact]
    public async Task A_due_ticket_is_closed_with_the_french_note_and_a_connector_comment()
    {
        using var scenario = AutoCloseScenario.Create(postgres, Resolved.AddDays(14).AddHours(1));
        var id = await scenario.AddResolvedAsync(Resolved);

        var report = await scenario.RunAsync();

        Assert.Equal(1, report["closed"]);
        Assert.Equal("closed", scenario.Status(id));
        var stimulus = Assert.Single(scenario.Simulation.CallsOf("core/apply_stimulus"));
        Assert.Equal("ev_close", (string?)stimulus["stimulus"]);
        Assert.StartsWith("Connecteur Amigo (autoclose)", (string?)stimulus["comment"]);
        Assert.Equal("Demande clôturée automatiquement 14 jours après sa résolution.", (string?)stimulus["fields"]!["public_log"]!["add_item"]!["message"]);
        var note = scenario.Simulation.Store.GetCaseLog(id, "public_log").Last();
        Assert.Equal("Demande clôturée automatiquement 14 jours après sa résolution.", note.Message);

        var audit = await scenario.AuditAsync();
        Assert.Contains(audit, r => r.Entry.Outcome == "decided" && r.Entry.TicketRef == scenario.Ref(id) && r.Entry.IdempotencyKey is not null);
        var done = Assert.Single(audit, r => r.Entry.Outcome == "done");
        Assert.Equal(0, done.Entry.ITopCode);
        Assert.True(done.Id > audit.Single(r => r.Entry.Outcome == "decided").Id, "the decision is recorded before the write");
    }

    [Fact]
    public async Task A_ticket_resolved_13_days_23_hours_ago_is_not_closed()
    {
        using var scenario = AutoCloseScenario.Create(postgres, Resolved.AddDays(13).AddHours(23));
        var id = await scenario.AddResolvedAsync(Resolved);

        var report = await scenario.RunAsync();

        Assert.Equal(0, report["closed"]);
        Assert.Equal("resolved", scenario.Status(id));
        Assert.Empty(scenario.Writes());
    }

    [Fact]
    public async Task On_the_boundary_a_ticket_is_closed_and_one_second_earlier_it_is_not()
    {
        using var scenario = AutoCloseScenario.Create(postgres, Resolved.AddDays(14).AddSeconds(-1));
        var id = await scenario.AddResolvedAsync(Resolved);

        Assert.Equal(0, (await scenario.RunAsync())["closed"]);
        scenario.SetNow(Resolved.AddDays(14));
        Assert.Equal(1, (await scenario.RunAsync())["closed"]);
        Assert.Equal("closed", scenario.Status(id));
    }

    [Fact]
    public async Task Across_the_end_of_october_the_delay_follows_the_paris_wall_clock()
    {
        var resolved = new DateTime(2026, 10, 20, 10, 0, 0);
        // 14 × 24 h after the resolution is 09:00 on 3 November in Paris: still an hour early.
        using var scenario = AutoCloseScenario.Create(postgres, new DateTime(2026, 11, 3, 9, 30, 0));
        var id = await scenario.AddResolvedAsync(resolved);

        Assert.Equal(0, (await scenario.RunAsync())["closed"]);
        scenario.SetNow(new DateTime(2026, 11, 3, 10, 0, 0));
        Assert.Equal(1, (await scenario.RunAsync())["closed"]);
        Assert.Equal("closed", scenario.Status(id));
    }

    [Fact]
    public async Task Working_days_mode_does_not_count_the_may_bank_holidays()
    {
        var resolved = new DateTime(2026, 4, 30, 15, 0, 0);
        var settings = new Dictionary<string, string?> { ["DayMode"] = "WorkingDays", ["DelayDays"] = "5" };
        // Calendar days would close on 5 May; 1 May and 8 May (Fridays) and two weekends push it to Monday 11 May.
        using var scenario = AutoCloseScenario.Create(postgres, new DateTime(2026, 5, 11, 14, 59, 0), settings);
        var id = await scenario.AddResolvedAsync(resolved);

        Assert.Equal(0, (await scenario.RunAsync())["closed"]);
        scenario.SetNow(new DateTime(2026, 5, 11, 15, 0, 0));
        Assert.Equal(1, (await scenario.RunAsync())["closed"]);
        Assert.Equal("Demande clôturée automatiquement 5 jours ouvrés après sa résolution.", scenario.Simulation.Store.GetCaseLog(id, "public_log").Last().Message);
    }

    [Fact]
    public async Task A_requester_reply_after_the_resolution_is_skipped_with_the_reason_recorded()
    {
        using var scenario = AutoCloseScenario.Create(postgres, Resolved.AddDays(20));
        var id = await scenario.AddResolvedAsync(Resolved);
        scenario.Simulation.Store.AppendCaseLog(id, "public_log", "Le problème n'est pas résolu chez moi.", Resolved.AddDays(1), scenario.CallerName, "7");

        var report = await scenario.RunAsync();

        Assert.Equal(1, report[$"skipped.{SkipReasons.RequesterReplied}"]);
        Assert.Equal("resolved", scenario.Status(id));
        Assert.Empty(scenario.Writes());
        var skip = Assert.Single(await scenario.AuditAsync());
        Assert.Equal(("skipped", SkipReasons.RequesterReplied), (skip.Entry.Outcome, skip.Entry.Reason));

        // Seen again on the next run, the skip is counted but not recorded twice.
        Assert.Equal(1, (await scenario.RunAsync())[$"skipped.{SkipReasons.RequesterReplied}"]);
        Assert.Single(await scenario.AuditAsync());
    }

    [Fact]
    public async Task A_ticket_reopened_between_the_decision_and_the_write_is_not_closed()
    {
        using var scenario = AutoCloseScenario.Create(postgres, Resolved.AddDays(15));
        var id = await scenario.AddResolvedAsync(Resolved);
        scenario.Client.BeforeSingleRead = ticket =>
        {
            // The requester presses "Rouvrir" after the batch read, before the read that precedes the write.
            scenario.Simulation.Store.SetFields("UserRequest", ticket, new Dictionary<string, string> { ["status"] = "assigned" });
        };

        var report = await scenario.RunAsync();

        Assert.Equal(0, report["closed"]);
        Assert.Equal(1, report[$"skipped.{SkipReasons.ChangedSinceDecision}"]);
        Assert.Equal("assigned", scenario.Status(id));
        Assert.Empty(scenario.Simulation.CallsOf("core/apply_stimulus"));
    }

    [Fact]
    public async Task One_ticket_refused_by_itop_does_not_stop_the_others()
    {
        using var scenario = AutoCloseScenario.Create(postgres, Resolved.AddDays(20));
        var first = await scenario.AddResolvedAsync(Resolved);
        var refused = await scenario.AddResolvedAsync(Resolved.AddMinutes(1));
        var third = await scenario.AddResolvedAsync(Resolved.AddMinutes(2));
        scenario.Client.BeforeStimulus = ticket =>
        {
            // An agent closes it in the console at the last moment: iTop answers code 100 "Invalid stimulus".
            if (ticket == refused) scenario.Simulation.Store.SetFields("UserRequest", ticket, new Dictionary<string, string> { ["status"] = "closed" });
        };

        var report = await scenario.RunAsync();

        Assert.Equal(2, report["closed"]);
        Assert.Equal(1, report["failed"]);
        Assert.Equal(("closed", "closed"), (scenario.Status(first), scenario.Status(third)));
        var failed = Assert.Single(await scenario.AuditAsync(), r => r.Entry.Outcome == "failed");
        Assert.Equal(100, failed.Entry.ITopCode);
        Assert.Contains("Invalid stimulus", failed.Entry.ITopMessage);
    }

    [Fact]
    public async Task A_dry_run_sends_no_write_to_itop()
    {
        using var scenario = AutoCloseScenario.Create(postgres, Resolved.AddDays(20), new Dictionary<string, string?> { ["ReminderDaysBefore"] = "3" });
        var due = await scenario.AddResolvedAsync(Resolved);
        var inWindow = await scenario.AddResolvedAsync(new DateTime(2026, 11, 10, 9, 0, 0)); // due 24 Nov, reminder from 21 Nov

        var report = await scenario.RunAsync(dryRun: true);

        Assert.Equal(1, report["would_close"]);
        Assert.Equal(1, report["would_remind"]);
        Assert.Equal(0, report["closed"]);
        Assert.Equal(("resolved", "resolved"), (scenario.Status(due), scenario.Status(inWindow)));
        // The stub's own request log: every request that reached it was a read.
        var operations = scenario.Simulation.Server.LogEntries
            .Select(e => System.Net.WebUtility.UrlDecode(e.RequestMessage.Body ?? ""))
            .ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, body => Assert.Contains("\"operation\":\"core/get\"", body.Replace(" ", "")));
        Assert.All(await scenario.AuditAsync(), r => Assert.Equal("dry-run", r.Entry.Outcome));
    }

    [Fact]
    public async Task A_second_run_closes_nothing_new()
    {
        using var scenario = AutoCloseScenario.Create(postgres, Resolved.AddDays(20));
        await scenario.AddResolvedAsync(Resolved);
        await scenario.AddResolvedAsync(Resolved.AddHours(1));

        Assert.Equal(2, (await scenario.RunAsync())["closed"]);
        scenario.Simulation.ClearCalls();
        var second = await scenario.RunAsync();

        Assert.Equal(0, second["closed"]);
        Assert.Equal(2, second[$"skipped.{SkipReasons.AlreadyClosed}"]); // the synced copy still says resolved until the next sync
        Assert.Empty(scenario.Writes());
    }

    [Fact]
    public async Task A_crash_between_decision_and_write_leaves_the_ticket_to_the_next_run()
    {
        using var scenario = AutoCloseScenario.Create(postgres, Resolved.AddDays(20));
        var id = await scenario.AddResolvedAsync(Resolved);
        scenario.Client.BeforeStimulus = _ => throw new InvalidOperationException("host killed");

        var crashed = await scenario.RunAsync();
        Assert.Equal(1, crashed["failed"]);
        Assert.Equal("resolved", scenario.Status(id));

        scenario.Client.BeforeStimulus = null;
        var next = await scenario.RunAsync();
        // iTop's history has no write with the decision's key: the decision is abandoned, then decided and closed again.
        Assert.Equal((1, 1), (next["abandoned"], next["closed"]));
        Assert.Equal(0, (await scenario.RunAsync())["closed"]);
        Assert.Single(scenario.Simulation.CallsOf("core/apply_stimulus"));
        var audit = await scenario.AuditAsync();
        Assert.Single(audit, r => r.Entry.Outcome == "abandoned" && r.Entry.Reason == "no_change_in_itop");
        Assert.Single(audit, r => r.Entry.Outcome == "done" && r.Entry.Action == "close");
    }

    [Fact]
    public async Task A_lost_answer_is_not_retried_blindly_and_the_next_run_sees_the_ticket_closed()
    {
        using var scenario = AutoCloseScenario.Create(postgres, Resolved.AddDays(20));
        var id = await scenario.AddResolvedAsync(Resolved);
        scenario.Client.BeforeStimulus = _ => scenario.Simulation.FailNextAfterApplying();

        var first = await scenario.RunAsync();
        Assert.Equal(1, first["failed"]);
        Assert.Equal("closed", scenario.Status(id));

        scenario.Client.BeforeStimulus = null;
        var second = await scenario.RunAsync();
        Assert.Equal(1, second[$"skipped.{SkipReasons.AlreadyClosed}"]);
        Assert.Single(scenario.Simulation.CallsOf("core/apply_stimulus"));
        // The closing is found in iTop's change history by its key: done, and counted as the connector's.
        Assert.Equal(1, second["reconciled"]);
        var done = Assert.Single(await scenario.AuditAsync(), r => r.Entry.Outcome == "done" && r.Entry.Action == "close");
        Assert.Equal("reconciled", done.Entry.Reason);
        Assert.EndsWith(":done", done.Entry.IdempotencyKey);
        Assert.True(await scenario.ClosedByConnectorAsync(id));
        Assert.Equal(0, (await scenario.RunAsync())["reconciled"]);
    }

    [Fact]
    public async Task The_reminder_is_written_once()
    {
        using var scenario = AutoCloseScenario.Create(postgres, new DateTime(2026, 11, 13, 9, 30, 0), new Dictionary<string, string?> { ["ReminderDaysBefore"] = "3" });
        var id = await scenario.AddResolvedAsync(Resolved); // due 16 Nov 09:15, reminder from 13 Nov 09:15

        var first = await scenario.RunAsync();
        scenario.SetNow(new DateTime(2026, 11, 14, 9, 30, 0));
        var second = await scenario.RunAsync();

        Assert.Equal((1, 0), (first["reminded"], second["reminded"]));
        var reminder = Assert.Single(scenario.Simulation.Store.GetCaseLog(id, "public_log"), e => e.Message.Contains("clôturée automatiquement le 16/11/2026"));
        Assert.Equal("connector", reminder.UserLogin);
        Assert.Single(scenario.Simulation.CallsOf("core/update"));

        // The connector's own reminder is not a reply: the ticket still closes when due.
        scenario.SetNow(new DateTime(2026, 11, 16, 9, 15, 0));
        Assert.Equal(1, (await scenario.RunAsync())["closed"]);
    }

    [Fact]
    public async Task Max_closings_per_run_defers_the_rest()
    {
        using var scenario = AutoCloseScenario.Create(postgres, Resolved.AddDays(20), new Dictionary<string, string?> { ["MaxClosingsPerRun"] = "2" });
        for (var i = 0; i < 3; i++) await scenario.AddResolvedAsync(Resolved.AddMinutes(i));

        var first = await scenario.RunAsync();
        Assert.Equal((2, 1), (first["closed"], first["deferred"]));
        var second = await scenario.RunAsync();
        Assert.Equal(1, second["closed"]);
    }
}
