namespace Amigo.Plugins.AutoClose.Tests.Decisions;

public sealed class AutoCloseDeciderTests
{
    private static readonly DateTime Resolved = new(2026, 11, 2, 9, 15, 0);

    private static AutoCloseDecider Decider(IDictionary<string, string?>? settings = null)
    {
        var academy = TestAcademies.Create("normandie", new UnusedITopClient(TestAcademies.Paris), settings);
        return new AutoCloseDecider(AutoClosePolicy.Create(academy, academy.GetPluginSettings<AutoCloseSettings>("autoclose")));
    }

    private static CandidateTicket Synced(DateTime resolvedLocal) =>
        new(7, "R-000007", "resolved", TestAcademies.ParisTime(resolvedLocal));

    private static TicketSnapshot Current(DateTime? resolvedLocal = null, string status = "resolved", params CaseLogEntry[] log) =>
        new(7, "R-000007", status, resolvedLocal ?? Resolved, "2026-11-02 09:15:00", "Jeanne Martin", log);

    private static CaseLogEntry Entry(DateTime at, string author) => new(at, author, null, "message", "<p>message</p>");

    [Fact]
    public void A_ticket_resolved_14_days_ago_is_closed()
    {
        var decision = Decider().Decide(Synced(Resolved), Current(), TestAcademies.ParisTime(Resolved.AddDays(14).AddMinutes(1)));
        Assert.Equal(DecisionKind.Close, decision.Kind);
        Assert.Equal(TestAcademies.ParisTime(Resolved.AddDays(14)), decision.DueAt);
    }

    [Fact]
    public void A_ticket_resolved_13_days_23_hours_ago_waits()
    {
        var decision = Decider().Decide(Synced(Resolved), Current(), TestAcademies.ParisTime(Resolved.AddDays(13).AddHours(23)));
        Assert.Equal(DecisionKind.Wait, decision.Kind);
    }

    [Fact]
    public void On_the_exact_boundary_the_ticket_is_due_and_one_second_before_it_is_not()
    {
        // "Has passed" includes equality: at the due instant the full delay has elapsed (iTop dates have one-second precision).
        var decider = Decider();
        var due = TestAcademies.ParisTime(Resolved.AddDays(14));
        Assert.Equal(DecisionKind.Close, decider.Decide(Synced(Resolved), Current(), due).Kind);
        Assert.Equal(DecisionKind.Wait, decider.Decide(Synced(Resolved), Current(), due.AddSeconds(-1)).Kind);
    }

    [Fact]
    public void Across_the_october_change_the_delay_is_counted_on_the_wall_clock()
    {
        var resolved = new DateTime(2026, 10, 20, 10, 0, 0); // CEST; due 2026-11-03 10:00 CET = 09:00Z
        var decider = Decider();
        var naiveDue = TestAcademies.ParisTime(resolved).AddDays(14); // 08:00Z, an hour early
        Assert.Equal(DecisionKind.Wait, decider.Decide(Synced(resolved), Current(resolved), naiveDue.AddMinutes(30)).Kind);
        Assert.Equal(DecisionKind.Close, decider.Decide(Synced(resolved), Current(resolved), new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero)).Kind);
    }

    [Fact]
    public void Working_days_mode_waits_over_the_may_bank_holidays()
    {
        var resolved = new DateTime(2026, 4, 30, 15, 0, 0);
        var decider = Decider(new Dictionary<string, string?> { ["DayMode"] = "WorkingDays" });
        Assert.Equal(DecisionKind.Wait, decider.Decide(Synced(resolved), Current(resolved), TestAcademies.ParisTime(new DateTime(2026, 5, 26, 14, 59, 59))).Kind);
        var decision = decider.Decide(Synced(resolved), Current(resolved), TestAcademies.ParisTime(new DateTime(2026, 5, 26, 15, 0, 0)));
        Assert.Equal(DecisionKind.Close, decision.Kind);
    }

    [Fact]
    public void A_reply_by_the_requester_after_the_resolution_is_a_skip()
    {
        var decision = Decider().Decide(Synced(Resolved), Current(log: Entry(Resolved.AddDays(2), "Jeanne  Martin")), TestAcademies.ParisTime(Resolved.AddDays(20)));
        Assert.Equal(DecisionKind.Skip, decision.Kind);
        Assert.Equal(SkipReasons.RequesterReplied, decision.Reason);
    }

    [Fact]
    public void An_agent_entry_after_the_resolution_is_a_skip_too()
    {
        var decision = Decider().Decide(Synced(Resolved), Current(log: Entry(Resolved.AddHours(1), "Albert Frankenstein")), TestAcademies.ParisTime(Resolved.AddDays(20)));
        Assert.Equal(SkipReasons.JournalActivity, decision.Reason);
    }

    [Fact]
    public void Entries_before_or_at_the_resolution_and_the_connector_own_entries_do_not_count()
    {
        var log = new[]
        {
            Entry(Resolved.AddDays(-1), "Jeanne Martin"),
            Entry(Resolved, "Albert Frankenstein"), // the solution, written with the resolution
            Entry(Resolved.AddDays(10), "connector"), // the reminder
        };
        var decision = Decider().Decide(Synced(Resolved), Current(log: log), TestAcademies.ParisTime(Resolved.AddDays(15)));
        Assert.Equal(DecisionKind.Close, decision.Kind);
    }

    [Fact]
    public void Configured_connector_names_replace_the_default()
    {
        var decider = Decider(new Dictionary<string, string?> { ["ConnectorAuthorNames:0"] = "Connecteur AMIGO" });
        var now = TestAcademies.ParisTime(Resolved.AddDays(15));
        Assert.Equal(DecisionKind.Close, decider.Decide(Synced(Resolved), Current(log: Entry(Resolved.AddDays(1), "connecteur amigo")), now).Kind);
        Assert.Equal(SkipReasons.JournalActivity, decider.Decide(Synced(Resolved), Current(log: Entry(Resolved.AddDays(1), "connector")), now).Reason);
    }

    [Theory]
    [InlineData("assigned", SkipReasons.Reopened)]
    [InlineData("pending", SkipReasons.Reopened)]
    [InlineData("closed", SkipReasons.AlreadyClosed)]
    [InlineData("rejected", SkipReasons.NotResolved)]
    public void A_ticket_no_longer_resolved_is_skipped(string status, string reason)
    {
        var decision = Decider().Decide(Synced(Resolved), Current(status: status), TestAcademies.ParisTime(Resolved.AddDays(20)));
        Assert.Equal(DecisionKind.Skip, decision.Kind);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void A_newer_resolution_date_in_itop_means_reopened_since_the_sync()
    {
        var decision = Decider().Decide(Synced(Resolved), Current(Resolved.AddDays(3)), TestAcademies.ParisTime(Resolved.AddDays(30)));
        Assert.Equal(SkipReasons.Reopened, decision.Reason);
    }

    [Fact]
    public void An_older_resolution_date_in_itop_is_an_inconsistency_not_a_closing()
    {
        var decision = Decider().Decide(Synced(Resolved), Current(Resolved.AddDays(-3)), TestAcademies.ParisTime(Resolved.AddDays(30)));
        Assert.Equal(SkipReasons.ResolutionDateMismatch, decision.Reason);
    }

    [Fact]
    public void A_vanished_ticket_is_skipped() =>
        Assert.Equal(SkipReasons.NotFound, Decider().Decide(Synced(Resolved), null, TestAcademies.ParisTime(Resolved.AddDays(30))).Reason);

    [Fact]
    public void In_the_reminder_window_the_decision_is_to_remind()
    {
        var decider = Decider(new Dictionary<string, string?> { ["ReminderDaysBefore"] = "3" });
        Assert.Equal(DecisionKind.Wait, decider.Decide(Synced(Resolved), Current(), TestAcademies.ParisTime(Resolved.AddDays(11).AddSeconds(-1))).Kind);
        var decision = decider.Decide(Synced(Resolved), Current(), TestAcademies.ParisTime(Resolved.AddDays(11)));
        Assert.Equal(DecisionKind.Remind, decision.Kind);
        Assert.Equal(TestAcademies.ParisTime(Resolved.AddDays(14)), decision.DueAt);
    }
}
