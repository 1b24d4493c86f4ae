namespace Amigo.Connector.Host.Tests;

/// <summary>A plugin disabled for an academy runs nothing and serves nothing there; a database switch wins over the configuration.</summary>
public sealed class DisabledPluginTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Disabled_plugin_serves_404_and_runs_no_job_for_that_academy_only()
    {
        var label = Guid.NewGuid().ToString("N");
        await using var app = TestHosts.Create(TestHosts.Configuration(await postgres.CreateDatabaseAsync(), label));
        await app.StartAsync();
        var client = app.Client(TestHosts.AdminKey);

        Assert.Equal("pong toulouse", await client.GetStringAsync("/api/academies/toulouse/counting/ping"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/academies/montpellier/counting/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/academies/montpellier/jobs/counting.count/run", null)).StatusCode);
        var runner = app.Services.GetRequiredService<JobRunner>();
        await Assert.ThrowsAsync<JobNotAvailableException>(() => runner.RunAsync(new JobRequest("montpellier", "counting.count", "test")));
        Assert.False(CountingJob.Runs.ContainsKey($"{label}:montpellier"));
        Assert.Empty(await app.Services.GetRequiredService<JobRunStore>().RecentAsync("montpellier", null));
        await app.StopAsync();
    }

    [Fact]
    public async Task Database_switch_wins_over_configuration_both_ways()
    {
        var label = Guid.NewGuid().ToString("N");
        await using var app = TestHosts.Create(TestHosts.Configuration(await postgres.CreateDatabaseAsync(), label));
        await app.StartAsync();
        var client = app.Client(TestHosts.AdminKey);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/academies/toulouse/plugins/counting/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/academies/toulouse/counting/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/academies/montpellier/plugins/counting/enable", null)).StatusCode);
        Assert.Equal("pong montpellier", await client.GetStringAsync("/api/academies/montpellier/counting/ping"));

        var states = await client.GetStringAsync("/api/academies/toulouse/plugins");
        Assert.Contains("\"pluginId\":\"counting\",\"description\":\"Counts job runs (tests)\",\"enabled\":false,\"source\":\"database\",\"enabledInConfiguration\":true,\"changedBy\":\"api:ops\"", states);
        await app.StopAsync();
    }

    [Fact]
    public async Task Enabling_a_plugin_whose_settings_are_invalid_is_refused()
    {
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "x");
        configuration["Amigo:Academies:montpellier:Plugins:counting:Label"] = "forbidden";
        await using var app = TestHosts.Create(configuration);
        await app.StartAsync();
        var response = await app.Client(TestHosts.AdminKey).PostAsync("/api/academies/montpellier/plugins/counting/enable", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Label: 'forbidden' is not allowed", await response.Content.ReadAsStringAsync());
        Assert.Null(await app.Services.GetRequiredService<PluginSwitchStore>().GetAsync("montpellier", "counting"));
        await app.StopAsync();
    }

    [Fact]
    public async Task Scheduler_runs_a_plugin_job_only_where_the_plugin_is_enabled()
    {
        var label = Guid.NewGuid().ToString("N");
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), label);
        configuration["Amigo:Academies:toulouse:Jobs:counting.count:Schedule"] = "*/5 * * * *";
        configuration["Amigo:Academies:montpellier:Jobs:counting.count:Schedule"] = "*/5 * * * *";
        configuration["Amigo:Academies:toulouse:Jobs:sync:Enabled"] = "false";
        configuration["Amigo:Academies:montpellier:Jobs:sync:Enabled"] = "false";
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 1, 0, TimeSpan.Zero));
        await using var app = TestHosts.Create(configuration, o => { o.RunScheduler = true; o.TimeProvider = clock; });
        await app.StartAsync();
        var runs = app.Services.GetRequiredService<JobRunStore>();
        var scheduler = app.Services.GetRequiredService<JobScheduler>();
        await WaitUntilAsync(() => scheduler.NextRuns.Count == 2);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 5, 0, TimeSpan.Zero), scheduler.NextRuns[("toulouse", "counting.count")]);

        // Minute by minute up to 09:09, so a sleep the loop registers while the clock moves still ends, and 09:10 never comes.
        await WaitUntilAsync(async () =>
        {
            if (clock.GetUtcNow() < new DateTimeOffset(2026, 11, 23, 9, 9, 0, TimeSpan.Zero)) clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(50);
            return (await runs.RecentAsync("toulouse", "counting.count")).Any(r => r.Outcome == "succeeded");
        });
        Assert.Equal(1, CountingJob.Runs[$"{label}:toulouse"]);
        Assert.False(CountingJob.Runs.ContainsKey($"{label}:montpellier"));
        Assert.Empty(await runs.RecentAsync("montpellier", null));
        await app.StopAsync();
    }

    internal static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Condition not met within 20 s.");
            await Task.Delay(20);
        }
    }
}
