namespace Amigo.Connector.Host.Tests.Demo;

/// <summary>
/// Runs <c>amigo-demo --no-serve</c>'s orchestration twice on one database and checks every printed summary against
/// the simulated iTops and the synced database.
/// </summary>
public sealed class DemoTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly string DatabaseName = "amigo_demo_test_" + Environment.ProcessId;

    [Fact]
    public async Task Every_summary_is_true_and_a_second_run_starts_clean()
    {
        var (first, firstOutput, firstSimulations) = await RunAsync();
        using (firstSimulations)
            await AssertEverySummaryIsTrueAsync(first, firstOutput, firstSimulations);

        // Re-running starts clean: the same data, the same decisions, the same figures.
        var (second, _, secondSimulations) = await RunAsync();
        using (secondSimulations)
        {
            Assert.Equal(first.Jobs.Count, second.Jobs.Count);
            foreach (var (a, b) in first.Jobs.Zip(second.Jobs).Where(p => p.First.JobId is "sync" or "autoclose" or "reassign"))
                Assert.Equal(a.Counts.OrderBy(c => c.Key), b.Counts.OrderBy(c => c.Key));
            foreach (var academy in first.Overview.Keys)
                Assert.Equal(first.Overview[academy].GetRawText(), second.Overview[academy].GetRawText());
            Assert.NotEqual(first.ApiKey, second.ApiKey);
        }
        await DropDatabaseAsync();
    }

    /// <summary>What one run printed and reported is what the simulated iTops and the synced database show.</summary>
    private async Task AssertEverySummaryIsTrueAsync(DemoReport run, string output, DemoSimulations simulations)
    {
        Assert.All(run.Jobs, job => Assert.True(job.Outcome == "succeeded", $"{job.Step} {job.AcademyId}: {job.Outcome} {job.Summary}"));
        foreach (var (academy, simulation, seed) in simulations.Academies)
        {
            var store = simulation.Store;
            string Status(long id) => store.GetField("UserRequest", id, "status")!;
            var changes = run.Changes[academy.Id];

            // Auto-close: what was printed is what iTop now shows.
            var closed = run.Step("autoclose").Single(j => j.AcademyId == academy.Id).Counts["closed"];
            var closedByConnector = seed.SeededStatuses.Where(s => s.Value == "resolved" && Status(s.Key) == "closed").Select(s => s.Key).ToList();
            Assert.Equal(closed, changes.Closings.Count);
            Assert.Equal(seed.DueForClosing.Order(), changes.Closings.Order());
            Assert.Equal(seed.DueForClosing.Order(), closedByConnector.Order());
            Assert.Matches(new Regex($@"autoclose\s+{academy.Id}\s+.*closed {closed}\b"), output);
            Assert.Matches(new Regex($@"{Regex.Escape(academy.DisplayName)}\s+{closed} closed automatically"), output);
            Assert.All(seed.RequesterReplied.Concat(seed.AgentReplied).Concat(seed.RecentlyResolved), id => Assert.Equal("resolved", Status(id)));

            // Reassignment: the moved tickets are in the other academy's platform team; the others did not move.
            var moved = run.Step("reassign").Single(j => j.AcademyId == academy.Id).Counts.GetValueOrDefault("moved");
            Assert.Equal(seed.Misrouted.Count, moved);
            Assert.Equal(seed.Misrouted.Order(), changes.Dispatches.Order());
            var platform = academy.Id == DemoAcademies.Toulouse.Id ? DemoAcademies.MplPlatform : DemoAcademies.TlsPlatform;
            Assert.All(seed.Misrouted, id => Assert.Equal(platform, store.GetField("UserRequest", id, "team_name")));
            Assert.All(seed.MisroutedWithAgent.Concat(seed.InvalidUai), id => Assert.Equal("HELPDESK", store.GetField("UserRequest", id, "team_name")));
            Assert.Matches(new Regex($@"reassign\s+{academy.Id}\s+{moved} moved"), output);

            // Transfers: closed here, created in Normandie.
            var transferred = run.Step("reassign").Single(j => j.AcademyId == academy.Id).Counts.GetValueOrDefault("transferred");
            Assert.Equal(seed.ToTransfer.Count, transferred);
            Assert.All(seed.ToTransfer, id => Assert.Equal("closed", Status(id)));
            Assert.Equal(seed.ToTransfer.Count, changes.TransferredAway.Count);

            // Every UAI of the data set is valid, except the tutorials' wrong check letter.
            Assert.All(seed.Organizations.Keys.Where(code => code != "0340024T"), code => Assert.True(UaiCode.IsValid(code), code));

            // The second sync copied iTop's final state: the database and the printed report agree with it.
            var iTopClosed = store.Ids("UserRequest").Count(id => Status(id) == "closed");
            var iTopResolved = store.Ids("UserRequest").Count(id => Status(id) == "resolved");
            Assert.Equal(iTopClosed, await CountAsync(academy.Id, "closed"));
            Assert.Equal(iTopResolved, await CountAsync(academy.Id, "resolved"));
            var overview = run.Overview[academy.Id];
            Assert.Equal(iTopClosed.ToString(), DemoRunner.Figure(overview, "closed_count"));
            Assert.Equal(iTopResolved.ToString(), DemoRunner.Figure(overview, "resolved_count"));
            Assert.Contains($"closed {iTopClosed} ", output);
        }
        var normandie = simulations[DemoAcademies.Normandie.Id];
        Assert.Equal(normandie.Seed.TicketCount + simulations[DemoAcademies.Toulouse.Id].Seed.ToTransfer.Count, normandie.Simulation.Store.Count("UserRequest"));
        Assert.Equal(2, run.Changes[DemoAcademies.Normandie.Id].Created);

        // The catalogue search printed the tutorials' rows.
        var webmail = run.Searches.Single(s => s.Query == "webmail");
        Assert.True(webmail.Top.Count >= 4 && webmail.Top.All(row => row.Contains("Webmail", StringComparison.OrdinalIgnoreCase)), string.Join(" | ", webmail.Top));
        Assert.Contains("Mot de passe oublié ou expiré", run.Searches.Single(s => s.Query == "mot de passe").Top[0]);
        Assert.Contains(run.DashboardUrl!, output);
        Assert.Equal(200, run.DashboardStatus);
        Assert.Contains("dashboard answers HTTP 200", output);
        Assert.Contains(run.ApiKey!, output);
        await AssertBacklogAgeIsAsOfTheDemoClockAsync(run, simulations);
    }

    /// <summary>
    /// The demo decides and reports by its own clock, never the real one: at moments years before and after today,
    /// on both DST nights, on public holidays and a Saturday, it closes exactly the tickets its seed made due, moves
    /// exactly the misrouted ones and buckets the backlog by the demo's time. A component reading the machine's clock
    /// or the database's <c>now()</c> closes too many (2025: everything resolved is long due by the real date),
    /// too few (2031: nothing is due yet by the real date) or buckets the backlog wrongly.
    /// </summary>
    [Theory]
    [MemberData(nameof(ClockSweep.Moments), MemberType = typeof(ClockSweep))]
    public async Task Decides_and_reports_by_the_demo_clock_on_any_date(string moment)
    {
        var (run, output, simulations) = await RunAsync(ClockSweep.Local(moment));
        using (simulations)
        {
            Assert.Equal(ClockSweep.Instant(moment) + Elapsed(run), simulations.Clock.GetUtcNow());
            await AssertEverySummaryIsTrueAsync(run, output, simulations);
        }
        await DropDatabaseAsync();
    }

    /// <summary>How far the demo moved its clock: five simulated minutes before each step of jobs.</summary>
    private static TimeSpan Elapsed(DemoReport run) => TimeSpan.FromMinutes(5 * run.Jobs.Select(j => j.Step).Distinct().Count());

    /// <summary>The backlog-age report counts the synced tickets in progress by their age at the demo's "now".</summary>
    private async Task AssertBacklogAgeIsAsOfTheDemoClockAsync(DemoReport run, DemoSimulations simulations)
    {
        var now = simulations.Clock.GetUtcNow();
        foreach (var (academy, _, _) in simulations.Academies)
        {
            var starts = await InProgressStartsAsync(academy.Id);
            long Count(Func<TimeSpan, bool> inBucket) => starts.Count(start => start is { } s && inBucket(now - s));
            var expected = new List<KeyValuePair<string, long>>
            {
                new("< 1 j", Count(age => age < TimeSpan.FromDays(1))),
                new("1–7 j", Count(age => age >= TimeSpan.FromDays(1) && age < TimeSpan.FromDays(7))),
                new("7–30 j", Count(age => age >= TimeSpan.FromDays(7) && age < TimeSpan.FromDays(30))),
                new("> 30 j", Count(age => age >= TimeSpan.FromDays(30)) + starts.Count(start => start is null)),
            };
            Assert.Equal(expected, run.BacklogAge[academy.Id]);
            Assert.True(expected[0].Value + expected[1].Value > 0, $"{academy.Id}: the seed has recent tickets in progress");
            Assert.True(starts.All(start => start <= now), $"{academy.Id}: no ticket starts after the demo's now");
        }
    }

    private async Task<List<DateTimeOffset?>> InProgressStartsAsync(string academy)
    {
        var connection = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = DatabaseName }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await using var command = dataSource.CreateCommand(
            "SELECT start_date FROM tickets WHERE academy_id = $1 AND deleted_at IS NULL AND status_group IN ('Open', 'Waiting')");
        command.Parameters.Add(new NpgsqlParameter { Value = academy });
        await using var reader = await command.ExecuteReaderAsync();
        var starts = new List<DateTimeOffset?>();
        while (await reader.ReadAsync())
            starts.Add(reader.IsDBNull(0) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(0), TimeSpan.Zero));
        return starts;
    }

    private async Task DropDatabaseAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<(DemoReport Report, string Output, DemoSimulations Simulations)> RunAsync(DateTime? startLocalTime = null)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        console.Profile.Width = 400;
        var simulations = DemoSimulations.Start(startLocalTime: startLocalTime);
        var options = new DemoOptions { Database = postgres.ConnectionString, DatabaseName = DatabaseName, Serve = false, Port = 0, PluginsPath = TestHosts.ShippedPluginsFolder() };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var report = await new DemoRunner(options, console).RunAsync(simulations, timeout.Token);
        return (report, output.ToString(), simulations);
    }

    private async Task<long> CountAsync(string academy, string status)
    {
        var connection = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = DatabaseName }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM tickets WHERE academy_id = $1 AND status = $2 AND deleted_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = academy });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
