namespace Amigo.Plugins.Retention.Tests;

/// <summary>
/// Runs against the stateful simulated iTop (real HTTP client), the real sync and real PostgreSQL with the plugin's
/// migration. The academy's clock is 23 Nov 2026 10:00 (Paris): with the default 12 months, a ticket closed on
/// 23 Nov 2025 10:00:00 is past the period and one closed a second later is not.
/// </summary>
public sealed class RetentionRunTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_live_run_anonymises_exactly_the_closed_tickets_past_the_period_and_a_full_sync_does_not_bring_their_data_back()
    {
        using var s = await Scenario.CreateAsync(postgres);

        var report = await s.RunAsync();

        Assert.Equal(2, report.Counts["anonymised"]);
        Assert.Equal([s.Boundary, s.Old], report.Tickets.Where(t => t.Outcome == "done").Select(t => t.ITopId).Order());
        foreach (var id in new[] { s.Boundary, s.Old })
        {
            var row = await s.RowAsync(id);
            Assert.Equal((RetentionStore.AnonymisedTitle, null, null, null, null), (row.Title, row.CallerId, row.CallerName, row.CallerEmail, row.AgentName));
            Assert.Equal(("closed", s.Team, s.Service, (long?)s.Agent), (row.Status, row.TeamId, row.ServiceId, row.AgentId));
            Assert.NotNull(row.CloseDate);
        }
        foreach (var id in new[] { s.SecondYounger, s.Recent, s.ResolvedLongAgo })
            Assert.Equal(("Imprimante en panne", "Jeanne Martin"), ((await s.RowAsync(id)).Title, (await s.RowAsync(id)).CallerName));

        // The next full sync reads every ticket again, with its title and requester: the anonymised rows stay as they are
        // and are not even rewritten; the other rows still follow iTop.
        s.Simulation.Store.SetFields("UserRequest", s.Recent, new Dictionary<string, string> { ["title"] = "Imprimante réparée" });
        var sync = await s.SyncAsync(full: true);
        Assert.Equal(1, sync["tickets.changed"]);
        Assert.Equal(RetentionStore.AnonymisedTitle, (await s.RowAsync(s.Old)).Title);
        Assert.Null((await s.RowAsync(s.Boundary)).CallerEmail);
        Assert.Equal("Imprimante réparée", (await s.RowAsync(s.Recent)).Title);

        Assert.Equal(4, await s.ClosedCountedByReportsAsync());
        var month = Assert.Single(await new RetentionStore(s.Database).MonthlyAsync(s.AcademyId, CancellationToken.None));
        Assert.Equal(new RetentionMonth(new DateOnly(2026, 11, 1), 2, 0), month);
        // The report the plugin contributes to the reporting dashboard reads the same figures, and its filters apply.
        Assert.Equal([(new DateOnly(2026, 11, 1), 2L, 0L)], await s.ContributedReportAsync());
        Assert.Single(await s.ContributedReportAsync(team: s.Team, from: new DateOnly(2026, 11, 23), to: new DateOnly(2026, 11, 24)));
        Assert.Empty(await s.ContributedReportAsync(team: s.Team + 1000));
        Assert.Empty(await s.ContributedReportAsync(from: new DateOnly(2026, 11, 24)));

        var again = await s.RunAsync();
        Assert.Equal(0, again.Counts.GetValueOrDefault("anonymised"));
        Assert.Contains(await s.AuditAsync(), r => r.Entry is { Action: "anonymise", Outcome: "done" });
        Assert.Equal(2, (await s.AuditAsync()).Count(r => r.Entry is { Action: "run", Outcome: "done" }));
    }

    [Fact]
    public async Task A_dry_run_lists_what_would_change_saves_the_selection_and_writes_nothing()
    {
        using var s = await Scenario.CreateAsync(postgres, deleteInITop: true);

        var report = await s.RunAsync(dryRun: true);

        Assert.Equal(2, report.Counts["would_anonymise"]);
        Assert.Equal(2, report.Counts["would_delete"]);
        Assert.Equal("Imprimante en panne", (await s.RowAsync(s.Old)).Title);
        Assert.True(s.Simulation.Store.Exists("UserRequest", s.Old));
        Assert.All(s.Simulation.CallsOf("core/delete"), call => Assert.True((bool?)call["simulate"]));
        var selection = await new RetentionStore(s.Database).LatestSelectionAsync(s.AcademyId, DateTimeOffset.MinValue, CancellationToken.None);
        Assert.Equal(report.SelectionId, selection!.Id);
        Assert.Equal([s.Boundary, s.Old], selection.ITopIds.Order());
        Assert.Contains(await s.AuditAsync(), r => r.Entry is { Action: "run", Outcome: "dry-run" });
    }

    [Fact]
    public async Task Deletion_waits_for_a_dry_run_then_deletes_exactly_the_listed_tickets_once_with_the_french_comment()
    {
        using var s = await Scenario.CreateAsync(postgres, deleteInITop: true);

        var first = await s.RunAsync();
        Assert.Equal(2, first.Counts["anonymised"]);
        Assert.Equal(2, first.Counts["deletion_needs_dry_run"]);
        Assert.Empty(s.Simulation.CallsOf("core/delete"));

        await s.RunAsync(dryRun: true);
        var late = s.AddClosed(new DateTime(2024, 1, 5, 8, 0, 0)); // past the period, but closed after the dry run listed the others
        await s.SyncAsync(full: true); // its last update is older than the watermark: only a full sync copies it
        s.Simulation.ClearCalls();

        var live = await s.RunAsync();

        Assert.Equal(2, live.Counts["deleted_in_itop"]);
        Assert.False(s.Simulation.Store.Exists("UserRequest", s.Boundary));
        Assert.False(s.Simulation.Store.Exists("UserRequest", s.Old));
        Assert.True(s.Simulation.Store.Exists("UserRequest", late));
        Assert.True(s.Simulation.Store.Exists("UserRequest", s.SecondYounger));
        Assert.Contains(live.Tickets, t => t.ITopId == late && t.Reason == "not_in_dry_run");
        Assert.Equal(RetentionStore.AnonymisedTitle, (await s.RowAsync(late)).Title);
        var delete = Assert.Single(s.Simulation.CallsOf("core/delete"), c => (bool?)c["simulate"] != true);
        Assert.StartsWith("Connecteur Amigo (retention) : suppression des demandes fermées depuis plus de 12 mois", (string?)delete["comment"]);
        Assert.Contains("status IN ('closed')", (string?)delete["key"]);
        var audit = await s.AuditAsync();
        foreach (var id in new[] { s.Boundary, s.Old })
        {
            var decided = Assert.Single(audit, r => r.Entry is { Action: "delete", Outcome: "decided" } && r.Entry.ITopKey == id);
            var done = Assert.Single(audit, r => r.Entry is { Action: "delete", Outcome: "done" } && r.Entry.ITopKey == id);
            Assert.Equal(decided.Entry.IdempotencyKey + ":done", done.Entry.IdempotencyKey);
            Assert.True(done.Id > decided.Id);
        }

        s.Simulation.ClearCalls();
        var rerun = await s.RunAsync();
        Assert.Equal(0, rerun.Counts.GetValueOrDefault("deleted_in_itop"));
        Assert.DoesNotContain(s.Simulation.CallsOf("core/delete"), c => (bool?)c["simulate"] != true);

        // iTop no longer has them: the sync's key reconciliation must not hide them from reports.
        await s.SyncAsync(full: true);
        Assert.Equal(5, await s.ClosedCountedByReportsAsync());
        Assert.Equal(2, (await new RetentionStore(s.Database).MonthlyAsync(s.AcademyId, CancellationToken.None)).Single().DeletedInITop);
        Assert.Equal(2, Assert.Single(await s.ContributedReportAsync()).DeletedInITop);
    }

    [Fact]
    public async Task A_ticket_whose_close_date_moved_since_the_copy_is_not_deleted_and_iTop_rechecks_the_conditions_when_deleting()
    {
        using var s = await Scenario.CreateAsync(postgres, deleteInITop: true);
        await s.RunAsync(dryRun: true);
        // Reopened and closed again in iTop since the copy was taken: iTop's close date is now recent.
        s.Simulation.Store.SetFields("UserRequest", s.Old, new Dictionary<string, string> { ["close_date"] = "2026-11-20 09:00:00" });

        var live = await s.RunAsync();

        Assert.True(s.Simulation.Store.Exists("UserRequest", s.Old));
        Assert.False(s.Simulation.Store.Exists("UserRequest", s.Boundary));
        Assert.Contains(live.Tickets, t => t.ITopId == s.Old && t.Reason == "not_past_period");
        var delete = Assert.Single(s.Simulation.CallsOf("core/delete"), c => (bool?)c["simulate"] != true);
        Assert.Contains("close_date <= '2025-11-23 10:00:00'", (string?)delete["key"]);
    }

    [Fact]
    public async Task Without_the_right_to_delete_the_dry_run_says_so_and_the_live_run_deletes_nothing()
    {
        using var s = await Scenario.CreateAsync(postgres, deleteInITop: true, admin: false);

        var dry = await s.RunAsync(dryRun: true);
        var live = await s.RunAsync();

        Assert.Equal(2, dry.Counts["skipped.delete_not_permitted"]);
        Assert.Equal(2, live.Counts["anonymised"]);
        Assert.Equal(0, live.Counts.GetValueOrDefault("deleted_in_itop"));
        Assert.True(s.Simulation.Store.Exists("UserRequest", s.Old));
        Assert.DoesNotContain(s.Simulation.CallsOf("core/delete"), c => (bool?)c["simulate"] != true);
    }

    [Fact]
    public async Task Deletions_go_in_bounded_batches_and_the_per_run_maximum_defers_the_rest()
    {
        using var s = await Scenario.CreateAsync(postgres, deleteInITop: true, extra: new() { ["DeleteBatchSize"] = "1", ["MaxDeletionsPerRun"] = "1" });
        await s.RunAsync(dryRun: true);
        s.Simulation.ClearCalls();

        var first = await s.RunAsync();
        Assert.Equal(1, first.Counts["deleted_in_itop"]);
        Assert.Equal(1, first.Counts["deferred"]);
        var second = await s.RunAsync();
        Assert.Equal(1, second.Counts["deleted_in_itop"]);

        Assert.Equal(2, s.Simulation.CallsOf("core/delete").Count);
        Assert.All(s.Simulation.CallsOf("core/delete"), c => Assert.Contains("id IN (", (string?)c["key"]));
        Assert.False(s.Simulation.Store.Exists("UserRequest", s.Old) || s.Simulation.Store.Exists("UserRequest", s.Boundary));
    }

    [Fact]
    public async Task A_crash_right_after_iTop_deleted_is_settled_by_the_next_run_without_a_second_delete()
    {
        using var s = await Scenario.CreateAsync(postgres, deleteInITop: true);
        await s.RunAsync(dryRun: true);

        var crashed = await s.RunAsync(faults: new ThrowAt(ITopDeletion.FaultPoint(WriteBoundaries.AfterITopWrite)));
        Assert.False(s.Simulation.Store.Exists("UserRequest", s.Old));
        Assert.Equal(0, crashed.Counts.GetValueOrDefault("deleted_in_itop"));
        Assert.Equal(2, crashed.Counts["failed"]);
        s.Simulation.ClearCalls();

        var next = await s.RunAsync();

        Assert.Equal(2, next.Counts["reconciled"]);
        Assert.DoesNotContain(s.Simulation.CallsOf("core/delete"), c => (bool?)c["simulate"] != true);
        Assert.Equal(2, (await new RetentionStore(s.Database).MonthlyAsync(s.AcademyId, CancellationToken.None)).Single().DeletedInITop);
        Assert.Equal(2, (await s.AuditAsync()).Count(r => r.Entry is { Action: "delete", Outcome: "done", Reason: "reconciled" }));
    }

    [Fact]
    public async Task A_batch_that_fails_after_some_tickets_were_settled_counts_only_the_others_as_failed()
    {
        using var s = await Scenario.CreateAsync(postgres, deleteInITop: true);
        await s.RunAsync(dryRun: true);
        // One ticket of the batch is skipped when decided, the other deleted; then the batch fails after its audit.
        s.Simulation.Store.SetFields("UserRequest", s.Old, new Dictionary<string, string> { ["close_date"] = "2026-11-20 09:00:00" });

        var live = await s.RunAsync(faults: new ThrowAt(ITopDeletion.FaultPoint(WriteBoundaries.AfterAudit)));

        Assert.False(s.Simulation.Store.Exists("UserRequest", s.Boundary));
        Assert.Equal(1, live.Counts["deleted_in_itop"]);
        Assert.Equal(1, live.Counts["skipped.not_past_period"]);
        Assert.Equal(0, live.Counts.GetValueOrDefault("failed"));
        Assert.Equal(["done"], live.Tickets.Where(t => t.ITopId == s.Boundary && t.Action == "delete").Select(t => t.Outcome));
        Assert.Equal(["skipped"], live.Tickets.Where(t => t.ITopId == s.Old && t.Action == "delete").Select(t => t.Outcome));
        var audit = await s.AuditAsync();
        Assert.DoesNotContain(audit, r => r.Entry is { Action: "delete", Reason: "batch_failed" });
        Assert.Single(audit, r => r.Entry is { Action: "delete", Outcome: "done" } && r.Entry.ITopKey == s.Boundary);
        Assert.Equal(JobStatus.Succeeded, live.ToOutcome().Status);
    }

    private sealed class ThrowAt(string point) : IFaultPoints
    {
        public void Reach(string reached)
        {
            if (reached == point) throw new InvalidOperationException($"fault point {point}");
        }
    }

    /// <summary>One academy: a simulated iTop with six tickets, synced into its own rows of the fixture's database.</summary>
    internal sealed class Scenario : IDisposable
    {
        public static readonly DateTime NowLocal = new(2026, 11, 23, 10, 0, 0);

        private readonly long _org;
        private readonly long _caller;

        private Scenario(PostgresFixture postgres, bool admin, IDictionary<string, string?> settings)
        {
            AcademyId = "r" + Guid.NewGuid().ToString("N")[..12];
            Simulation = ITopSimulation.Start(new ITopSimulationOptions { StartLocalTime = NowLocal });
            Database = new ConnectorDatabase(postgres.DataSource);
            var store = Simulation.Store;
            _org = store.AddOrganization("Collège Jean Jaurès", "0311234B");
            _caller = store.AddPerson(_org, "Jeanne", "Martin", "jeanne.martin@ac-toulouse.fr");
            Agent = store.AddPerson(_org, "Bruno", "Durand", "bruno.durand@ac-toulouse.fr");
            Team = store.AddTeam(_org, "DSI Niveau 1", null, [Agent]);
            Service = store.AddService(_org, "Bureautique", store.AddServiceFamily("Poste de travail"));
            Boundary = AddClosed(NowLocal.AddMonths(-12));
            SecondYounger = AddClosed(NowLocal.AddMonths(-12).AddSeconds(1));
            Old = AddClosed(new DateTime(2024, 5, 2, 16, 30, 0));
            Recent = AddClosed(NowLocal.AddDays(-3));
            ResolvedLongAgo = store.AddUserRequest(Ticket("resolved", new DateTime(2024, 3, 1, 9, 0, 0), null));
            var client = Simulation.CreateClient(o => admin
                ? o with { InstanceName = AcademyId, User = ITopSimulationOptions.Admin.Login, Password = ITopSimulationOptions.Admin.Password }
                : o with { InstanceName = AcademyId });
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(settings.Select(p => new KeyValuePair<string, string?>($"retention:{p.Key}", p.Value))).Build();
            Academy = new AcademyContext(AcademyId, "Académie de test", Simulation.Options.TimeZone, BuiltInProfiles.Stock, new AcademyFieldMap(), client, configuration);
        }

        public static async Task<Scenario> CreateAsync(PostgresFixture postgres, bool deleteInITop = false, bool admin = true, Dictionary<string, string?>? extra = null)
        {
            var settings = extra ?? [];
            settings["DeleteInITop"] = deleteInITop ? "true" : "false";
            await postgres.MigratePluginsAsync(new RetentionPlugin());
            var scenario = new Scenario(postgres, admin, settings);
            await scenario.SyncAsync(full: true);
            return scenario;
        }

        public string AcademyId { get; }
        public ITopSimulation Simulation { get; }
        public ConnectorDatabase Database { get; }
        public AcademyContext Academy { get; }
        public long Agent { get; }
        public long Team { get; }
        public long Service { get; }
        public long Boundary { get; }
        public long SecondYounger { get; }
        public long Old { get; }
        public long Recent { get; }
        public long ResolvedLongAgo { get; }

        public long AddClosed(DateTime closedLocal) => Simulation.Store.AddUserRequest(Ticket("closed", closedLocal.AddDays(-1), closedLocal));

        private ITopSimTicket Ticket(string status, DateTime resolvedLocal, DateTime? closedLocal) => new()
        {
            OrgId = _org, CallerId = _caller, AgentId = Agent, TeamId = Team, ServiceId = Service, Title = "Imprimante en panne", Status = status,
            StartDate = resolvedLocal.AddDays(-2), AssignmentDate = resolvedLocal.AddDays(-1), ResolutionDate = resolvedLocal, CloseDate = closedLocal,
            LastUpdate = closedLocal ?? resolvedLocal,
        };

        public Task<RetentionReport> RunAsync(bool dryRun = false, IFaultPoints? faults = null) =>
            new RetentionRunner(Academy, new RetentionStore(Database), new PostgresAuditLog(Database, Simulation.Clock), Simulation.Clock, NullLogger.Instance, faults)
                .RunAsync(new RetentionRunOptions(dryRun), CancellationToken.None);

        public async Task<SyncResult> SyncAsync(bool full) =>
            await new SyncEngine(Database, Options.Create(new SyncOptions()), Simulation.Clock)
                .SyncAsync(Academy, new SyncRequest(Full: full, Reconcile: full));

        public async Task<IReadOnlyList<Connector.Contracts.Audit.AuditRecord>> AuditAsync() =>
            await new PostgresAuditLog(Database, Simulation.Clock).RecentAsync(AcademyId, "retention", 1000);

        public async Task<(string Title, long? CallerId, string? CallerName, string? CallerEmail, string? AgentName, string Status, long? TeamId, long? ServiceId, long? AgentId, DateTimeOffset? CloseDate)> RowAsync(long id)
        {
            await using var command = Database.DataSource.CreateCommand("""
                SELECT title, caller_id, caller_name, caller_email, agent_name, status, team_id, service_id, agent_id, close_date
                FROM tickets WHERE academy_id = @a AND itop_id = @id
                """);
            command.Parameters.AddWithValue("a", AcademyId);
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), $"ticket {id} is not in the copy");
            T? Get<T>(int i) => reader.IsDBNull(i) ? default : reader.GetFieldValue<T>(i);
            return (reader.GetString(0), Get<long?>(1), Get<string>(2), Get<string>(3), Get<string>(4), reader.GetString(5), Get<long?>(6), Get<long?>(7),
                Get<long?>(8), Get<DateTimeOffset?>(9));
        }

        /// <summary>
        /// The academy's rows of the report the plugin registers for the reporting dashboard, read from the SQL function
        /// that registration names (as the reporting plugin does), optionally filtered by team and period.
        /// </summary>
        public async Task<List<(DateOnly Month, long Anonymised, long DeletedInITop)>> ContributedReportAsync(long? team = null, DateOnly? from = null,
            DateOnly? to = null)
        {
            var services = new ServiceCollection();
            new RetentionPlugin().ConfigureServices(services);
            var report = Assert.Single(services.Select(d => d.ImplementationInstance).OfType<ContributedReport>());
            Assert.Same(MonthlyReport.Definition, report);
            await using var command = Database.DataSource.CreateCommand(
                $"SELECT month, anonymised, deleted_in_itop FROM {report.FunctionName}(@a, @team, @from, @to) ORDER BY month");
            command.Parameters.AddWithValue("a", AcademyId);
            // Typed even when null: PostgreSQL picks the function by its argument types.
            command.Parameters.AddWithValue("team", NpgsqlDbType.Bigint, (object?)team ?? DBNull.Value);
            command.Parameters.AddWithValue("from", NpgsqlDbType.Date, (object?)from ?? DBNull.Value);
            command.Parameters.AddWithValue("to", NpgsqlDbType.Date, (object?)to ?? DBNull.Value);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<(DateOnly, long, long)>();
            while (await reader.ReadAsync())
                rows.Add((reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1), reader.GetInt64(2)));
            return rows;
        }

        /// <summary>Closed tickets as the reports count them (not deleted in the copy).</summary>
        public async Task<long> ClosedCountedByReportsAsync()
        {
            await using var command = Database.DataSource.CreateCommand(
                "SELECT count(*) FROM tickets WHERE academy_id = @a AND status_group = 'Closed' AND deleted_at IS NULL");
            command.Parameters.AddWithValue("a", AcademyId);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        public void Dispose() => Simulation.Dispose();
    }
}
