namespace Amigo.Plugins.Reassignment.Tests.Integration;

public sealed class ReassignmentJobTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public void The_plugin_declares_its_job_settings_and_id()
    {
        var plugin = new ReassignmentPlugin();

        Assert.Equal("reassign", plugin.Id);
        var job = Assert.Single(plugin.Jobs);
        Assert.Equal(("reassign", typeof(ReassignmentJob)), (job.Name, job.JobType));
        Assert.NotNull(Cronos.CronExpression.Parse(job.DefaultSchedule!));
        Assert.Equal(typeof(global::Amigo.Plugins.Reassignment.Settings.ReassignmentSettings), plugin.SettingsType);
    }

    [Fact]
    public async Task The_scheduled_job_moves_and_reports_counts_with_its_run_id()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule());
        await harness.AddTicketAsync(harness.Demo.TlsTeam, "0340100Z");
        await using var scope = harness.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<ReassignmentJob>();

        var outcome = await job.RunAsync(new JobRunContext(harness.Toulouse, "reassign", 42, false, "schedule",
            new Progress<JobProgress>(), new Dictionary<string, string>()), CancellationToken.None);

        Assert.Equal(1, outcome.Counts["moved"]);
        Assert.StartsWith("1 moved", outcome.Summary);
        Assert.Single(Assert.IsAssignableFrom<IReadOnlyList<ReassignmentDecision>>(outcome.Details));
        Assert.All(harness.Audit.Entries, entry => Assert.Equal(42, entry.JobRunId));
        Assert.Equal(42, Assert.Single(await harness.MovesAsync()).JobRunId);
    }
}
