using System.Text.Json;
using Amigo.Connector.Contracts.Faults;
using Amigo.Connector.Data;
using Amigo.Connector.Testing.Postgres;
using Npgsql;

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

    /// <summary>The iTops the suite runs against (the real-iTop variant joins here when the lab provides one).</summary>
    public static TheoryData<string> Boundaries => new(WriteBoundaries.All);

    private static FaultITop Targets() => new SimulatedFaultITop();

    [Theory]
    [MemberData(nameof(Boundaries))]
    public async Task Autoclose_killed_at_a_write_boundary_is_completed_exactly_once_by_the_next_run(string boundary)
    {
        using var itop = Targets();
        var academy = "ac-" + boundary;
        var config = await ConfigAsync(academy, itop);
        // Whole seconds, as iTop stores dates: the synced copy must carry the same resolution date.
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime;
        var resolved = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second).AddDays(-20);
        var tickets = new[] { itop.AddResolved(resolved), itop.AddResolved(resolved.AddMinutes(5)) };
        for (var i = 0; i < tickets.Length; i++)
            await InsertTicketAsync(academy, tickets[i].Id, tickets[i].Ref, "resolved", "Resolved", resolvedLocal: resolved.AddMinutes(5 * i));

        var killed = await AmigoProcess.RunAsync(config, WriteBoundaries.Of("autoclose", boundary), "jobs", "run", "autoclose", "--academy", academy);
        Assert.True(killed.Code == AmigoProcess.Killed, $"exit {killed.Code}: {killed.Error}");
        Assert.Equal(JobRunOutcomes.Running, (await RunsAsync(academy, "autoclose")).Single().Outcome);

        var next = await AmigoProcess.RunAsync(config, null, "autoclose", "--academy", academy, "--json");
        Assert.True(next.Code == 0, $"exit {next.Code}: {next.Output} {next.Error}");

        foreach (var (id, reference) in tickets)
        {
            Assert.True(itop.Field(id, "status") == "closed", $"{reference} is {itop.Field(id, "status")}: {next.Output}");
            Assert.True(itop.WritesTo(id) == 1, $"{reference} written {itop.WritesTo(id)} times");
            Assert.Equal(1, await CountAsync("SELECT count(*) FROM audit_log WHERE academy_id = @a AND itop_key = @id AND actor = 'autoclose' AND action = 'close' AND outcome = 'done'", academy, id));
            Assert.True(await ScalarAsync<bool>("SELECT closed_by_connector FROM tickets WHERE academy_id = @a AND itop_id = @id", academy, id), $"{reference} not counted as the connector's closing");
        }
        await AssertSettledAsync(academy, "autoclose");

        var again = await AmigoProcess.RunAsync(config, null, "autoclose", "--academy", academy);
        Assert.True(again.Code == 0, again.Error);
        Assert.All(tickets, t => Assert.Equal(1, itop.WritesTo(t.Id)));
    }

    [Theory]
    [MemberData(nameof(Boundaries))]
    public async Task Reassignment_killed_at_a_write_boundary_is_completed_exactly_once_by_the_next_run(string boundary)
    {
        using var itop = Targets();
        var academy = "ra-" + boundary;
        var config = await ConfigAsync(academy, itop);
        var platform = itop.Team(Platform);
        var tickets = new[] { itop.AddNew(Helpdesk), itop.AddNew(Helpdesk) };
        foreach (var (id, reference, team) in tickets)
            await InsertTicketAsync(academy, id, reference, "new", "Open", team, Helpdesk);

        var killed = await AmigoProcess.RunAsync(config, WriteBoundaries.Of("reassign", boundary), "jobs", "run", "reassign", "--academy", academy);
        Assert.True(killed.Code == AmigoProcess.Killed, $"exit {killed.Code}: {killed.Error}");

        var next = await AmigoProcess.RunAsync(config, null, "reassign", "--academy", academy, "--json");
        Assert.True(next.Code == 0, $"exit {next.Code}: {next.Output} {next.Error}");

        foreach (var (id, reference, _) in tickets)
        {
            Assert.Equal(platform.ToString(System.Globalization.CultureInfo.InvariantCulture), itop.Field(id, "team_id"));
            Assert.True(itop.WritesTo(id) == 1, $"{reference} written {itop.WritesTo(id)} times");
            Assert.Equal(1, await CountAsync("SELECT count(*) FROM audit_log WHERE academy_id = @a AND itop_key = @id AND actor = 'reassign' AND action = 'dispatch' AND outcome = 'done'", academy, id));
            // The move is remembered, so the ping-pong and window guards see it.
            Assert.Equal(1, await CountAsync("SELECT count(*) FROM reassign_moves WHERE academy_id = @a AND itop_id = @id AND state = 'done'", academy, id));
        }
        await AssertSettledAsync(academy, "reassign");

        var again = await AmigoProcess.RunAsync(config, null, "reassign", "--academy", academy);
        Assert.True(again.Code == 0, again.Error);
        Assert.All(tickets, t => Assert.Equal(1, itop.WritesTo(t.Id)));
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
