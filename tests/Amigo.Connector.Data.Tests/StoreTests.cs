namespace Amigo.Connector.Data.Tests;

public sealed class StoreTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset Instant = ClockSweep.Instant("2026-11-23 10:05");

    private readonly ConnectorDatabase _database = new(postgres.DataSource);

    [Fact]
    public async Task Audit_entries_round_trip_with_json_states_and_idempotency_keys()
    {
        // Stamped with the host's clock, not the database's: a moment years from the day the test runs.
        var clock = new FakeTimeProvider(ClockSweep.Instant("2031-06-17 14:40"));
        var audit = new PostgresAuditLog(_database, clock);
        var academy = "audit-" + Guid.NewGuid().ToString("N")[..6];
        var first = await audit.RecordAsync(new AuditEntry(academy, "autoclose", "close", "UserRequest", 42, "R-000042", "decided", "resolved_14_days")
        {
            Before = new { status = "resolved" }, IdempotencyKey = "close:42",
        });
        var second = await audit.RecordAsync(new AuditEntry(academy, "autoclose", "close", "UserRequest", 42, "R-000042", "done", null)
        {
            After = Newtonsoft.Json.Linq.JObject.Parse("""{"status":"closed"}"""), ITopCode = 0, ITopMessage = "", IdempotencyKey = "close:42", JobRunId = 7,
        });
        await audit.RecordAsync(new AuditEntry(academy, "reassignment", "dispatch", "UserRequest", 43, null, "done", null));

        var recent = await audit.RecentAsync(academy, "autoclose", 10);
        var found = await audit.FindByIdempotencyKeyAsync(academy, "close:42");

        Assert.Equal(new[] { second, first }, recent.Select(r => r.Id));
        Assert.Equal("resolved", ((JsonElement)recent[1].Entry.Before!).GetProperty("status").GetString());
        Assert.Equal("closed", ((JsonElement)recent[0].Entry.After!).GetProperty("status").GetString());
        Assert.Equal(second, found!.Id);
        Assert.Equal(7, found.Entry.JobRunId);
        Assert.Null(await audit.FindByIdempotencyKeyAsync(academy, "close:43"));
        Assert.Equal(3, (await audit.RecentAsync(academy, null, 10)).Count);
        Assert.All(recent, record => Assert.Equal(clock.GetUtcNow(), record.At));
    }

    [Fact]
    public async Task Job_runs_are_recorded_and_runs_of_dead_hosts_marked_abandoned()
    {
        var runs = new JobRunStore(_database, TimeProvider.System);
        var academy = "runs-" + Guid.NewGuid().ToString("N")[..6];
        await using var deadHost = NpgsqlDataSource.Create(postgres.ConnectionString);
        var deadLock = await new JobLock(new ConnectorDatabase(deadHost)).TryAcquireAsync(academy, "sync");
        var liveLock = await new JobLock(_database).TryAcquireAsync(academy, "autoclose");
        var dead = await runs.StartAsync(academy, "sync", "schedule", false, deadLock);
        var live = await runs.StartAsync(academy, "autoclose", "cli", true, liveLock);
        var done = await runs.StartAsync(academy, "reporting", "http", false);
        await runs.FinishAsync(done, JobRunOutcomes.Succeeded, new Dictionary<string, long> { ["closed"] = 3 }, "3 closed", null);

        await using (var admin = await postgres.DataSource.OpenConnectionAsync())
        {
            await admin.ExecuteScalarAsync("SELECT pg_terminate_backend(@pid)", new { pid = deadLock!.BackendPid });
            // pg_terminate_backend only signals the backend: wait until it has really gone, locks included.
            await WaitUntilGoneAsync(admin, deadLock.BackendPid);
        }

        var abandoned = await runs.MarkAbandonedAsync();
        var recent = await runs.RecentAsync(academy, null);

        Assert.True(abandoned >= 1);
        Assert.Equal(JobRunOutcomes.Abandoned, recent.Single(r => r.Id == dead).Outcome);
        Assert.Equal(JobRunOutcomes.Running, recent.Single(r => r.Id == live).Outcome);
        var finished = await runs.GetAsync(done);
        Assert.Equal(JobRunOutcomes.Succeeded, finished!.Outcome);
        Assert.Equal(3, finished.Counts["closed"]);
        Assert.NotNull(finished.EndedAt);
        Assert.True((await runs.RecentAsync(academy, "autoclose")).Single().DryRun);
        await liveLock!.DisposeAsync();
        await deadLock.DisposeAsync();
    }

    private static async Task WaitUntilGoneAsync(NpgsqlConnection admin, int pid)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await admin.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = @pid) OR EXISTS (SELECT 1 FROM pg_locks WHERE pid = @pid)", new { pid }))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    [Fact]
    public async Task Watermark_never_moves_back()
    {
        var store = new WatermarkStore(_database);
        var academy = "wm-" + Guid.NewGuid().ToString("N")[..6];
        await using var connection = await postgres.DataSource.OpenConnectionAsync();

        await WatermarkStore.AdvanceAsync(connection, null, academy, "UserRequest", "2026-11-23 10:00:00", null, null, Instant);
        await WatermarkStore.AdvanceAsync(connection, null, academy, "UserRequest", "2026-11-23 09:59:59", Instant, null, Instant.AddMinutes(5));

        var watermark = await store.GetAsync(academy, "UserRequest");
        Assert.Equal("2026-11-23 10:00:00", watermark.LastUpdateLocal);
        Assert.NotNull(watermark.LastFullSyncAt);
        Assert.Null(watermark.LastReconciledAt);
        await store.ResetAsync(academy);
        Assert.Null((await store.GetAsync(academy, "UserRequest")).LastUpdateLocal);
    }

    [Fact]
    public async Task Plugin_switches_persist_and_can_be_cleared()
    {
        var switches = new PluginSwitchStore(_database, TimeProvider.System);
        var academy = "sw-" + Guid.NewGuid().ToString("N")[..6];

        Assert.Null(await switches.GetAsync(academy, "autoclose"));
        await switches.SetAsync(academy, "autoclose", false, "cli:admin");
        await switches.SetAsync(academy, "autoclose", true, "http:key-1");

        var current = await switches.GetAsync(academy, "autoclose");
        Assert.True(current!.Enabled);
        Assert.Equal("http:key-1", current.ChangedBy);
        Assert.Single(await switches.ListAsync(academy));
        Assert.True(await switches.ClearAsync(academy, "autoclose"));
        Assert.Null(await switches.GetAsync(academy, "autoclose"));
    }

    [Fact]
    public async Task Academies_are_upserted_from_configuration()
    {
        var academies = new AcademyStore(_database, TimeProvider.System);
        await academies.UpsertAsync([new AcademyRow("acad-x", "Académie X", "https://itop.x/", "Europe/Paris")]);
        await academies.UpsertAsync([new AcademyRow("acad-x", "Académie de X", "https://itop.x/", "Europe/Paris"), new AcademyRow("acad-y", "Académie Y", "https://itop.y/", "Indian/Reunion")]);

        var rows = (await academies.ListAsync()).Where(a => a.AcademyId.StartsWith("acad-", StringComparison.Ordinal)).ToList();
        Assert.Equal([new AcademyRow("acad-x", "Académie de X", "https://itop.x/", "Europe/Paris"), new AcademyRow("acad-y", "Académie Y", "https://itop.y/", "Indian/Reunion")], rows);
    }

    [Fact]
    public async Task Ticket_queries_filter_and_page_by_id()
    {
        var academy = "tq-" + Guid.NewGuid().ToString("N")[..6];
        await using (var connection = await postgres.DataSource.OpenConnectionAsync())
        {
            for (var i = 1; i <= 5; i++)
            {
                await connection.ExecuteAsync("""
                    INSERT INTO tickets (academy_id, itop_id, ref, title, status, status_group, team_id, resolution_date, deleted_at)
                    VALUES (@academy, @i, 'R-' || @i, 'T' || @i, @status, @group, 7, @resolved, @deleted)
                    """, new
                {
                    academy, i, status = i % 2 == 0 ? "resolved" : "assigned", group = i % 2 == 0 ? "Resolved" : "Open",
                    resolved = i % 2 == 0 ? DateTimeOffset.UtcNow.AddDays(-20) : (DateTimeOffset?)null, deleted = i == 5 ? DateTimeOffset.UtcNow : (DateTimeOffset?)null,
                });
            }
        }

        var queries = new TicketQueries(_database);
        var resolvedOld = await queries.QueryAsync(academy, new TicketFilter { StatusGroup = "Resolved", ResolvedBefore = DateTimeOffset.UtcNow.AddDays(-14) });
        var open = await queries.QueryAsync(academy, new TicketFilter { Statuses = ["assigned"] });
        var page2 = await queries.QueryAsync(academy, new TicketFilter { AfterId = 2, Limit = 2, IncludeDeleted = true });

        Assert.Equal(new long[] { 2, 4 }, resolvedOld.Select(t => t.ITopId));
        Assert.Equal(new long[] { 1, 3 }, open.Select(t => t.ITopId)); // 5 is deleted
        Assert.Equal(new long[] { 3, 4 }, page2.Select(t => t.ITopId));
        Assert.Equal("R-4", (await queries.GetAsync(academy, 4))!.Ref);
        Assert.Equal(4, (await queries.GetByRefAsync(academy, "R-4"))!.ITopId);
        Assert.Equal(new Dictionary<string, long> { ["Open"] = 2, ["Resolved"] = 2 }, await queries.CountByStatusGroupAsync(academy));
    }
}
