namespace Amigo.Connector.Sync.Tests;

public sealed class SyncTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private async Task<NpgsqlDataSource> FreshDatabaseAsync() => NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());

    [Fact]
    public async Task Full_then_incremental_sync_copies_exactly_what_iTop_holds()
    {
        using var scenario = new SyncScenario(tickets: 40);
        await using var db = await FreshDatabaseAsync();
        var zone = scenario.Academy.ITop.TimeZone;

        var first = await scenario.SyncAsync(db);

        Assert.True(first.Full);
        Assert.Equal(40, first["tickets.read"]);
        Assert.Equal(scenario.ITopTickets(), await SyncScenario.DatabaseTickets(db, zone));

        scenario.Simulation.Clock.Advance(TimeSpan.FromMinutes(10));
        var ids = scenario.Simulation.Store.Ids("UserRequest");
        scenario.Simulation.Store.SetFields("UserRequest", ids[3], new Dictionary<string, string> { ["title"] = "Titre modifié" });
        scenario.Simulation.Store.SetFields("UserRequest", ids[7], new Dictionary<string, string> { ["status"] = "resolved" });
        scenario.Simulation.Store.AddUserRequest(new() { OrgId = scenario.Organizations[1], Title = "Nouvelle demande", LastUpdate = scenario.Simulation.Clock.LocalNow });
        scenario.Simulation.Clock.Advance(TimeSpan.FromMinutes(10));

        var second = await scenario.SyncAsync(db);

        Assert.False(second.Full);
        // Only what changed since the watermark, plus the tickets the 2-minute overlap reads again.
        var since = DateTime.ParseExact(first.Watermark!, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture).AddMinutes(-2)
            .ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var expectedRead = scenario.Simulation.Store.Ids("UserRequest").Count(id => string.CompareOrdinal(scenario.Simulation.Store.GetField("UserRequest", id, "last_update"), since) >= 0);
        Assert.Equal(expectedRead, second["tickets.read"]);
        Assert.True(expectedRead < 10, $"an incremental sync read {expectedRead} tickets");
        Assert.Equal(3, second["tickets.changed"]);
        Assert.Equal(scenario.ITopTickets(), await SyncScenario.DatabaseTickets(db, zone));
    }

    [Fact]
    public async Task Reference_data_and_catalogue_are_mirrored_with_field_map_columns()
    {
        using var scenario = new SyncScenario(tickets: 5);
        await using var db = await FreshDatabaseAsync();

        await scenario.SyncAsync(db);
        scenario.Simulation.Store.RemoveTeamMember(scenario.TeamA, scenario.Persons[1]);
        await scenario.SyncAsync(db);

        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM organizations WHERE academy_id = 'toulouse'"));
        Assert.Equal("0311234B", await connection.ExecuteScalarAsync<string>("SELECT code FROM organizations WHERE itop_id = @id", new { id = scenario.Organizations[1] }));
        Assert.Equal(3, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM persons"));
        Assert.Equal(new[] { (scenario.TeamA, scenario.Persons[2]), (scenario.TeamB, scenario.Persons[2]) },
            (await connection.QueryAsync<(long, long)>("SELECT team_id, person_id FROM team_members ORDER BY team_id, person_id")).ToArray());
        var entries = (await connection.QueryAsync<(string Sub, string Service, string Family)>(
            "SELECT subcategory_name, service_name, family_name FROM catalogue_entries ORDER BY subcategory_id")).ToList();
        Assert.Equal([("Mot de passe oublié", "Messagerie", "Poste de travail"), ("Boîte pleine", "Messagerie", "Poste de travail")], entries);
        Assert.Equal((scenario.Organizations[1], scenario.Service), await connection.QuerySingleAsync<(long, long)>("SELECT org_id, service_id FROM service_offers"));
        var ticket = await connection.QueryFirstAsync<(string Uai, string Email, string Group)>(
            "SELECT establishment_uai, caller_email, status_group FROM tickets WHERE status = 'pending'");
        Assert.Equal(("0311234B", "alice.martin@ac-toulouse.fr", "Waiting"), ticket);
    }

    [Fact]
    public async Task A_ticket_updated_during_a_sync_is_not_lost()
    {
        using var scenario = new SyncScenario(tickets: 40);
        await using var db = await FreshDatabaseAsync();
        var firstId = scenario.Simulation.Store.Ids("UserRequest")[0];
        var updated = false;
        // Progress is reported after each committed batch: the first ticket's window has been read and stored by then.
        var progress = new SynchronousProgress(p =>
        {
            if (p.Step == "UserRequest" && !updated)
            {
                updated = true;
                scenario.Simulation.Store.SetFields("UserRequest", firstId, new Dictionary<string, string> { ["title"] = "Modifié pendant la synchro" });
            }
        });

        await scenario.SyncAsync(db, progress: progress);
        Assert.True(updated);
        await scenario.SyncAsync(db);

        Assert.Equal("Modifié pendant la synchro", await ReadTitleAsync(db, firstId));
        Assert.Equal(scenario.ITopTickets(), await SyncScenario.DatabaseTickets(db, scenario.Academy.ITop.TimeZone));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task A_sync_killed_at_random_points_converges_to_the_uninterrupted_result(int seed)
    {
        using var scenario = new SyncScenario(tickets: 60);
        await using var reference = await FreshDatabaseAsync();
        await using var interrupted = await FreshDatabaseAsync();
        var random = new Random(seed);

        await scenario.SyncAsync(reference);
        await SyncUntilDoneAsync(scenario, interrupted, random);

        scenario.Simulation.Clock.Advance(TimeSpan.FromMinutes(5));
        var ids = scenario.Simulation.Store.Ids("UserRequest");
        foreach (var id in ids.Where((_, i) => i % 4 == 0))
        {
            scenario.Simulation.Store.SetFields("UserRequest", id, new Dictionary<string, string> { ["status"] = "closed", ["close_date"] = scenario.Simulation.Clock.LocalText });
        }

        scenario.Simulation.Clock.Advance(TimeSpan.FromMinutes(5));
        await scenario.SyncAsync(reference);
        await SyncUntilDoneAsync(scenario, interrupted, random);

        Assert.Equal(await SyncScenario.DumpAsync(reference), await SyncScenario.DumpAsync(interrupted));
        Assert.Equal(scenario.ITopTickets(), await SyncScenario.DatabaseTickets(interrupted, scenario.Academy.ITop.TimeZone));
    }

    [Fact]
    public async Task Tickets_deleted_in_iTop_are_marked_by_key_reconciliation()
    {
        using var scenario = new SyncScenario(tickets: 30);
        await using var db = await FreshDatabaseAsync();
        await scenario.SyncAsync(db);
        var ids = scenario.Simulation.Store.Ids("UserRequest");
        scenario.Simulation.Store.Remove("UserRequest", ids[2]);
        scenario.Simulation.Store.Remove("UserRequest", ids[17]);

        var notDue = await scenario.SyncAsync(db);
        Assert.False(notDue.Reconciled);
        Assert.Equal(0, notDue["tickets.deleted"]);

        var reconciled = await scenario.SyncAsync(db, reconcile: true);

        Assert.True(reconciled.Reconciled);
        Assert.Equal(2, reconciled["tickets.deleted"]);
        await using var connection = await db.OpenConnectionAsync();
        var deleted = await connection.QueryAsync<long>("SELECT itop_id FROM tickets WHERE deleted_at IS NOT NULL ORDER BY itop_id");
        Assert.Equal(new[] { ids[2], ids[17] }, deleted);
        Assert.Equal(scenario.ITopTickets(), await SyncScenario.DatabaseTickets(db, scenario.Academy.ITop.TimeZone));
    }

    [Fact]
    public async Task Status_transitions_observed_between_syncs_are_recorded()
    {
        using var scenario = new SyncScenario(tickets: 10);
        await using var db = await FreshDatabaseAsync();
        await scenario.SyncAsync(db);
        var id = scenario.Simulation.Store.Ids("UserRequest")[0];
        Assert.Equal("new", scenario.Simulation.Store.GetField("UserRequest", id, "status"));

        scenario.Simulation.Clock.Advance(TimeSpan.FromMinutes(3));
        scenario.Simulation.Store.SetFields("UserRequest", id, new Dictionary<string, string> { ["status"] = "assigned", ["team_id"] = scenario.TeamA.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var result = await scenario.SyncAsync(db);
        await scenario.SyncAsync(db); // nothing new: no duplicate transition

        Assert.Equal(1, result["transitions"]);
        await using var connection = await db.OpenConnectionAsync();
        var transitions = (await connection.QueryAsync<(string? From, string To)>(
            "SELECT from_status, to_status FROM status_transitions WHERE itop_id = @id ORDER BY id", new { id })).ToList();
        Assert.Equal([(null, "new"), ("new", "assigned")], transitions);
        Assert.Equal(10 + 1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM status_transitions"));
    }

    [Fact]
    public async Task A_no_change_sync_costs_one_call_per_class()
    {
        using var scenario = new SyncScenario(tickets: 25);
        await using var db = await FreshDatabaseAsync();
        await scenario.SyncAsync(db);
        await scenario.SyncAsync(db);
        scenario.Simulation.ClearCalls();

        var result = await scenario.SyncAsync(db);

        var classes = scenario.Simulation.Calls.Select(c => (string?)c["class"]).ToList();
        Assert.Equal(["Organization", "Person", "Team", "lnkPersonToTeam", "ServiceFamily", "Service", "ServiceSubcategory", "CustomerContract", "UserRequest"], classes);
        Assert.All(scenario.Simulation.Calls, c => Assert.Equal("core/get", (string?)c["operation"]));
        Assert.DoesNotContain(scenario.Simulation.Calls, c => ((string?)c["key"] ?? "").Contains("NOW()", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, result["tickets.changed"]);
        Assert.Equal(0, result["transitions"]);
    }

    [Fact]
    public async Task Incremental_reads_from_the_watermark_minus_the_overlap_in_iTop_local_time()
    {
        using var scenario = new SyncScenario(tickets: 5);
        await using var db = await FreshDatabaseAsync();
        var first = await scenario.SyncAsync(db);
        scenario.Simulation.ClearCalls();

        await scenario.SyncAsync(db);

        var watermark = DateTime.ParseExact(first.Watermark!, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var since = watermark.AddMinutes(-2).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var ticketCall = scenario.Simulation.Calls.Single(c => (string?)c["class"] == "UserRequest");
        Assert.Equal($"SELECT UserRequest WHERE last_update >= '{since}'", (string?)ticketCall["key"]);
        Assert.DoesNotContain("*", (string?)ticketCall["output_fields"] ?? "*", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_job_runs_a_full_sync_when_asked_and_rejects_bad_arguments()
    {
        using var scenario = new SyncScenario(tickets: 8);
        await using var db = await FreshDatabaseAsync();
        var job = new SyncJob(scenario.Engine(db));
        var reports = new List<JobProgress>();
        JobRunContext Context(string full) => new(scenario.Academy, SyncJob.JobId, 1, false, "test", new SynchronousProgress(reports.Add),
            new Dictionary<string, string> { ["full"] = full });

        await job.RunAsync(Context("false"), CancellationToken.None);
        var outcome = await job.RunAsync(Context("true"), CancellationToken.None);

        Assert.Equal(8, outcome.Counts["tickets.read"]);
        Assert.StartsWith("full sync", outcome.Summary, StringComparison.Ordinal);
        Assert.Contains(reports, r => r.Step == "UserRequest" && r.Done == 8);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => job.RunAsync(Context("yes"), CancellationToken.None));
        Assert.Contains("full", error.Message, StringComparison.Ordinal);
    }

    private static async Task SyncUntilDoneAsync(SyncScenario scenario, NpgsqlDataSource db, Random random)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var killAfter = random.Next(1, 80);
            var academy = scenario.CreateAcademy(new KillingITopClient(scenario.Academy.ITop, killAfter));
            try
            {
                await scenario.SyncAsync(db, academy: academy);
                return;
            }
            catch (KillingITopClient.KilledException)
            {
                // The host died here; the next run must finish the work.
            }
        }

        await scenario.SyncAsync(db);
    }

    private static async Task<string?> ReadTitleAsync(NpgsqlDataSource db, long id)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT title FROM tickets WHERE itop_id = @id", new { id });
    }
}

/// <summary>Calls back on the reporting thread (Progress&lt;T&gt; would post to the thread pool, after the fact).</summary>
internal sealed class SynchronousProgress(Action<JobProgress> report) : IProgress<JobProgress>
{
    public void Report(JobProgress value) => report(value);
}
