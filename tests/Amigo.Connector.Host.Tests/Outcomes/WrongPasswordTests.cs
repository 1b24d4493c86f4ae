namespace Amigo.Connector.Host.Tests.Outcomes;

/// <summary>
/// The probe's finding, with the real plugin in the built <c>amigo</c>: a wrong iTop password used to exit 0 and record
/// <c>succeeded</c> with "failed 8". Every ticket failing is a failed run, exit 1, from both commands.
/// </summary>
public sealed class WrongPasswordTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Autoclose_with_a_wrong_itop_password_fails_from_both_commands()
    {
        using var itop = new SimulatedFaultITop();
        var academy = "wrong-password";
        var (id, reference) = await itop.AddResolvedAsync(DateTime.Now.AddDays(-30));
        await using (var command = postgres.DataSource.CreateCommand("""
            INSERT INTO tickets (academy_id, itop_id, ref, title, status, status_group, resolution_date, last_update)
            VALUES (@a, @id, @ref, 'Demande', 'resolved', 'Resolved', now() - interval '30 days', now() - interval '30 days')
            """))
        {
            command.Parameters.AddWithValue("a", academy);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("ref", reference);
            await command.ExecuteNonQueryAsync();
        }
        var config = await ChildConfig.WriteAsync(postgres.ConnectionString, academy, itop.Url, itop.User, "not-the-password");
        var runs = new JobRunStore(new ConnectorDatabase(postgres.DataSource), TimeProvider.System);

        var viaJobs = await AmigoProcess.RunAsync(config, null, "jobs", "run", "autoclose", "--academy", academy);
        Assert.True(viaJobs.Code == ExitCodes.Failed, $"exit {viaJobs.Code}: {viaJobs.Output} {viaJobs.Error}");
        Assert.Equal(JobRunOutcomes.Failed, (await runs.RecentAsync(academy, "autoclose", 1)).Single().Outcome);

        var viaPlugin = await AmigoProcess.RunAsync(config, null, "autoclose", "--academy", academy);
        Assert.True(viaPlugin.Code == ExitCodes.Failed, $"exit {viaPlugin.Code}: {viaPlugin.Output} {viaPlugin.Error}");
        var last = (await runs.RecentAsync(academy, "autoclose", 1)).Single();
        Assert.Equal((JobRunOutcomes.Failed, "cli"), (last.Outcome, last.Trigger));
        Assert.Equal(1, last.Counts["failed"]);
        Assert.Equal("resolved", await itop.FieldAsync(id, "status"));
    }
}
