namespace Amigo.Connector.Host.Tests.Faults;

/// <summary>
/// The fault suite: a child <c>amigo</c> is killed (SIGKILL, by the <c>AMIGO_FAULT_POINT</c> hook) at each write
/// boundary of auto-close and reassignment — before the iTop write, after it, after the audit — then one more run (the
/// plugin's own command) must leave: no ticket written twice, every write with its <c>done</c> row, the connector's
/// closings counted (<c>closed_by_connector</c>), the killed run swept to <c>abandoned</c>, and nothing left to do.
/// </summary>
public sealed class WriteBoundaryFaultTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Helpdesk = "HELPDESK";
    private const string Platform = "DSI Plateforme Assistance TLS";
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private const string Simulation = "simulation";
    private const string Real = "real-itop";

    /// <summary>
    /// Every boundary against the simulation; against the real iTop of the lab (CI always has it), the boundary between
    /// iTop's write and the audit, where only iTop's change history can tell what happened.
    /// </summary>
    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var boundary in WriteBoundaries.All) cases.Add(Simulation, boundary);
            if (RealITopLab.Current is not null) cases.Add(Real, WriteBoundaries.AfterITopWrite);
            return cases;
        }
    }

    private static FaultITop Target(string target) => target == Real ? new RealFaultITop(RealITopLab.Current!) : new SimulatedFaultITop();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Autoclose_killed_at_a_write_boundary_is_completed_exactly_once_by_the_next_run(string target, string boundary)
    {
        using var itop = Target(target);
        var academy = $"ac-{target}-{boundary}-{Guid.NewGuid():N}"[..40];
        var config = await ConfigAsync(academy, itop);
        // Whole seconds, as iTop stores dates: the synced copy must carry the same resolution date.
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime;
        var resolved = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second).AddDays(-20);
        var tickets = new[] { await itop.AddResolvedAsync(resolved), await itop.AddResolvedAsync(resolved.AddMinutes(5)) };
        for (var i = 0; i < tickets.Length; i++)
            await InsertTicketAsync(academy, tickets[i].Id, tickets[i].Ref, "resolved", "Resolved", resolvedLocal: resolved.AddMinutes(5 * i));

        var killed = await AmigoProcess.RunAsync(config, WriteBoundaries.Of("autoclose", boundary), "jobs", "run", "autoclose", "--academy", academy);
        Assert.True(killed.Code == AmigoProcess.Killed, $"exit {killed.Code}: {killed.Error}");
        Assert.Equal(JobRunOutcomes.Running, (await RunsAsync(academy, "autoclose")).Single().Outcome);

        var next = await AmigoProcess.RunAsync(config, null, "autoclose", "--academy", academy, "--json");
        Assert.True(next.Code == 0, $"exit {next.Code}: {next.Output} {next.Error}");

        foreach (var (id, reference) in tickets)
        {
            var status = await itop.FieldAsync(id, "status");
            Assert.True(status == "closed", $"{reference} is {status}: {next.Output}");
            var writes = await itop.WritesToAsync(id);
            Assert.True(writes == 1, $"{reference} written {writes} times");
            Assert.Equal(1, await CountAsync("SELECT count(*) FROM audit_log WHERE academy_id = @a AND itop_key = @id AND actor = 'autoclose' AND action = 'close' AND outcome = 'done'", academy, id));
            Assert.True(await ScalarAsync<bool>("SELECT closed_by_connector FROM tickets WHERE academy_id = @a AND itop_id = @id", academy, id), $"{reference} not counted as the connector's closing");
        }
        await AssertSettledAsync(academy, "autoclose");

        var again = await AmigoProcess.RunAsync(config, null, "autoclose", "--academy", academy);
        Assert.True(again.Code == 0, again.Error);
        foreach (var (id, _) in tickets) Assert.Equal(1, await itop.WritesToAsync(id));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Reassignment_killed_at_a_write_boundary_is_completed_exactly_once_by_the_next_run(string target, string boundary)
    {
        using var itop = Target(target);
        var academy = $"ra-{target}-{boundary}-{Guid.NewGuid():N}"[..40];
        var config = await ConfigAsync(academy, itop);
        var platform = await itop.TeamAsync(Platform);
        var tickets = new[] { await itop.AddNewAsync(Helpdesk), await itop.AddNewAsync(Helpdesk) };
        foreach (var (id, reference, team) in tickets)
            await InsertTicketAsync(academy, id, reference, "new", "Open", team, Helpdesk);

        var killed = await AmigoProcess.RunAsync(config, WriteBoundaries.Of("reassign", boundary), "jobs", "run", "reassign", "--academy", academy);
        Assert.True(killed.Code == AmigoProcess.Killed, $"exit {killed.Code}: {killed.Error}");

        var next = await AmigoProcess.RunAsync(config, null, "reassign", "--academy", academy, "--json");
        Assert.True(next.Code == 0, $"exit {next.Code}: {next.Output} {next.Error}");

        foreach (var (id, reference, _) in tickets)
        {
            Assert.Equal(platform.ToString(System.Globalization.CultureInfo.InvariantCulture), await itop.FieldAsync(id, "team_id"));
            var writes = await itop.WritesToAsync(id);
            Assert.True(writes == 1, $"{reference} written {writes} times");
            Assert.Equal(1, await CountAsync("SELECT count(*) FROM audit_log WHERE academy_id = @a AND itop_key = @id AND actor = 'reassign' AND action = 'dispatch' AND outcome = 'done'", academy, id));
            // The move is remembered, so the ping-pong and window guards see it.
            Assert.Equal(1, await CountAsync("SELECT count(*) FROM reassign_moves WHERE academy_id = @a AND itop_id = @id AND state = 'done'", academy, id));
        }
        await AssertSettledAsync(academy, "reassign");

        var again = await AmigoProcess.RunAsync(config, null, "reassign", "--academy", academy);
        Assert.True(again.Code == 0, again.Error);
        foreach (var (id, _, _) in tickets) Assert.Equal(1, await itop.WritesToAsync(id));
    }

    // The killed run is swept by the next process that took a lock; no decision is left open.
    private async Task AssertSettledAsync(string academy, string job)
    {
        var runs = await RunsAsync(academy, job);
        Assert.Equal(JobRunOutcomes.Abandoned, runs[^1].Outcome);
        Assert.All(runs.Take(runs.Count - 1), r => Assert.Equal(JobRunOutcomes.Succeeded, r.Outcome));
        var audit = new PostgresAuditLog(new ConnectorDatabase(postgres.DataSource), TimeProvider.System);
        foreach (var action in new[] { "close", "remind", "dispatch" })
            Assert.Empty(await ((Contracts.Audit.IAuditLog)audit).UnsettledDecisionsAsync(academy, job, action));
    }

    private async Task<IReadOnlyList<JobRunRecord>> RunsAsync(string academy, string job) =>
        await new JobRunStore(new ConnectorDatabase(postgres.DataSource), TimeProvider.System).RecentAsync(academy, job, 10);

    private Task<string> ConfigAsync(string academy, FaultITop itop) =>
        ChildConfig.WriteAsync(postgres.ConnectionString, academy, itop.Url, itop.User, itop.Password, Helpdesk, Platform);

    private async Task InsertTicketAsync(string academy, long id, string reference, string status, string group,
        long? teamId = null, string? teamName = null, DateTime? resolvedLocal = null)
    {
        await using var command = postgres.DataSource.CreateCommand("""
            INSERT INTO tickets (academy_id, itop_id, ref, title, status, status_group, team_id, team_name, resolution_date, last_update, start_date)
            VALUES (@a, @id, @ref, 'Demande', @status, @group, @team, @teamName, @resolved, @resolved, @start)
            """);
        command.Parameters.AddWithValue("a", academy);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("ref", reference);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("group", group);
        command.Parameters.AddWithValue("team", (object?)teamId ?? DBNull.Value);
        command.Parameters.AddWithValue("teamName", (object?)teamName ?? DBNull.Value);
        command.Parameters.AddWithValue("resolved", resolvedLocal is { } local
            ? new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime() : DBNull.Value);
        command.Parameters.AddWithValue("start", DateTimeOffset.UtcNow.AddHours(-3));
        await command.ExecuteNonQueryAsync();
    }

    private Task<long> CountAsync(string sql, string academy, long id) => ScalarAsync<long>(sql, academy, id);

    private async Task<T> ScalarAsync<T>(string sql, string academy, long id)
    {
        await using var command = postgres.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("a", academy);
        command.Parameters.AddWithValue("id", id);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
