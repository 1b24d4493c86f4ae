namespace Amigo.Connector.Host.Tests;

/// <summary>Shutdown waits for running jobs up to Amigo:Scheduler:ShutdownTimeout, then cancels them and records it.</summary>
public sealed class ShutdownTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Shutdown_waits_for_a_job_that_ends_within_the_bound()
    {
        var label = Guid.NewGuid().ToString("N");
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), label);
        configuration["Amigo:Academies:toulouse:Plugins:counting:DelayMilliseconds"] = "700";
        configuration["Amigo:Scheduler:ShutdownTimeout"] = "00:00:20";
        await using var app = TestHosts.Create(configuration);
        await app.StartAsync();
        var handle = await app.Services.GetRequiredService<JobRunner>().StartAsync(new JobRequest("toulouse", "counting.count", "test"));
        await app.StopAsync();
        Assert.True(handle.Completion.IsCompleted);
        var run = await app.Services.GetRequiredService<JobRunStore>().GetAsync(handle.RunId);
        Assert.Equal(JobRunOutcomes.Succeeded, run!.Outcome);
    }

    [Fact]
    public async Task Shutdown_cancels_a_job_still_running_after_the_bound()
    {
        var label = Guid.NewGuid().ToString("N");
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), label);
        configuration["Amigo:Scheduler:ShutdownTimeout"] = "00:00:00.300";
        CountingJob.Gates[$"{label}:toulouse"] = new TaskCompletionSource(); // never released
        await using var app = TestHosts.Create(configuration);
        await app.StartAsync();
        var runner = app.Services.GetRequiredService<JobRunner>();
        var handle = await runner.StartAsync(new JobRequest("toulouse", "counting.count", "test"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await app.StopAsync();
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        var result = await handle.Completion;
        Assert.Equal(JobRunOutcomes.Cancelled, result.Outcome);
        var run = await app.Services.GetRequiredService<JobRunStore>().GetAsync(handle.RunId);
        Assert.Equal(JobRunOutcomes.Cancelled, run!.Outcome);
        Assert.NotNull(run.EndedAt);
        await Assert.ThrowsAsync<JobNotAvailableException>(() => runner.StartAsync(new JobRequest("toulouse", "counting.count", "test")));
    }
}
