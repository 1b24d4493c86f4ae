namespace Amigo.Connector.Host.Tests;

/// <summary>Two hosts against one database: a given (academy, job) runs once at a time across them.</summary>
public sealed class TwoHostsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Second_host_skips_while_the_first_runs_and_the_job_runs_once()
    {
        var label = Guid.NewGuid().ToString("N");
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), label);
        await using var first = TestHosts.Create(configuration, o => o.HostName = "host-a");
        await using var second = TestHosts.Create(configuration, o => o.HostName = "host-b");
        await first.StartAsync();
        await second.StartAsync();
        var key = $"{label}:toulouse";
        var gate = CountingJob.Gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var started = CountingJob.Started.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        var running = await first.Services.GetRequiredService<JobRunner>().StartAsync(new JobRequest("toulouse", "counting.count", "schedule"));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var skipped = await second.Services.GetRequiredService<JobRunner>().RunAsync(new JobRequest("toulouse", "counting.count", "schedule"));
        Assert.Equal(JobRunOutcomes.SkippedLocked, skipped.Outcome);

        // Another academy's run of the same job is not blocked.
        var montpellierSwitch = second.Services.GetRequiredService<PluginSwitchStore>();
        await montpellierSwitch.SetAsync("montpellier", "counting", true, "test");
        var other = await second.Services.GetRequiredService<JobRunner>().RunAsync(new JobRequest("montpellier", "counting.count", "schedule"));
        Assert.Equal(JobRunOutcomes.Succeeded, other.Outcome);

        gate.SetResult();
        var done = await running.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(JobRunOutcomes.Succeeded, done.Outcome);
        Assert.Equal(1, CountingJob.Runs[key]);

        var runs = await first.Services.GetRequiredService<JobRunStore>().RecentAsync("toulouse", "counting.count");
        Assert.Equal(2, runs.Count);
        Assert.Single(runs, r => r.Outcome == JobRunOutcomes.Succeeded && r.HostName == "host-a" && r.Counts["counted"] == 1 && r.EndedAt is not null);
        Assert.Single(runs, r => r.Outcome == JobRunOutcomes.SkippedLocked);

        // Once released, the other host may run it.
        var later = await second.Services.GetRequiredService<JobRunner>().RunAsync(new JobRequest("toulouse", "counting.count", "cli"));
        Assert.Equal(JobRunOutcomes.Succeeded, later.Outcome);
        Assert.Equal(2, CountingJob.Runs[key]);
        await second.StopAsync();
        await first.StopAsync();
    }

    [Fact]
    public async Task Parallel_triggers_on_two_hosts_run_the_job_once()
    {
        var label = Guid.NewGuid().ToString("N");
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), label);
        configuration["Amigo:Academies:toulouse:Plugins:counting:DelayMilliseconds"] = "500";
        await using var first = TestHosts.Create(configuration, o => o.HostName = "host-a");
        await using var second = TestHosts.Create(configuration, o => o.HostName = "host-b");
        await first.StartAsync();
        await second.StartAsync();
        var runners = new[] { first, second, first, second }.Select(a => a.Services.GetRequiredService<JobRunner>());
        var results = await Task.WhenAll(runners.Select(r => r.RunAsync(new JobRequest("toulouse", "counting.count", "schedule"))));
        Assert.Equal(1, results.Count(r => r.Outcome == JobRunOutcomes.Succeeded));
        Assert.Equal(3, results.Count(r => r.Outcome == JobRunOutcomes.SkippedLocked));
        Assert.Equal(1, CountingJob.Runs[$"{label}:toulouse"]);
        await second.StopAsync();
        await first.StopAsync();
    }
}
