namespace Amigo.Connector.Host.Tests.Outcomes;

/// <summary>
/// docs/host.md's exit-code table, end to end: each outcome (succeeded 0, partial 6, failed 1, skipped-locked 4) through
/// each way a job runs — <c>amigo jobs run</c>, the plugin's own command, the scheduler — gives the same
/// <c>job_runs.outcome</c> and the same exit code (the scheduler's is the one its recorded outcome maps to).
/// </summary>
public sealed class ExitCodeTableTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    public static TheoryData<string, string, int> Table => new()
    {
        { nameof(JobStatus.Succeeded), JobRunOutcomes.Succeeded, 0 },
        { nameof(JobStatus.Partial), JobRunOutcomes.Partial, 6 },
        { nameof(JobStatus.Failed), JobRunOutcomes.Failed, 1 },
    };

    private async Task<Dictionary<string, string?>> ConfigurationAsync(string status)
    {
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "verdict");
        configuration["Amigo:Academies:toulouse:Plugins:verdict:Enabled"] = "true";
        configuration["Amigo:Academies:toulouse:Plugins:verdict:Status"] = status;
        configuration["Amigo:Academies:toulouse:Jobs:sync:Enabled"] = "false";
        configuration["Amigo:Academies:montpellier:Jobs:sync:Enabled"] = "false";
        return configuration;
    }

    private static async Task<(int Code, string Output, string Error)> CliAsync(Dictionary<string, string?> configuration, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ConnectorCli.RunAsync(args, options =>
        {
            options.ScanPluginsFolder = false;
            options.PluginAssemblies.Add(typeof(VerdictPlugin).Assembly);
            foreach (var (key, value) in configuration) options.Configuration[key] = value;
        }, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<string> LastOutcomeAsync(Dictionary<string, string?> configuration)
    {
        var runs = new JobRunStore(new ConnectorDatabase(Npgsql.NpgsqlDataSource.Create(configuration["Amigo:Database:ConnectionString"]!)), TimeProvider.System);
        return (await runs.RecentAsync("toulouse", "verdict", 1)).Single().Outcome;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Jobs_run_exits_with_the_outcomes_code(string status, string outcome, int exitCode)
    {
        var configuration = await ConfigurationAsync(status);
        var (code, _, error) = await CliAsync(configuration, "jobs", "run", "verdict", "--academy", "toulouse");
        Assert.True(code == exitCode, $"exit {code}: {error}");
        Assert.Equal(outcome, await LastOutcomeAsync(configuration));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task The_plugins_own_command_exits_with_the_outcomes_code(string status, string outcome, int exitCode)
    {
        var configuration = await ConfigurationAsync(status);
        var (code, output, error) = await CliAsync(configuration, "verdict", "--academy", "TOULOUSE");
        Assert.True(code == exitCode, $"exit {code}: {output} {error}");
        Assert.StartsWith(outcome, output);
        Assert.Equal(outcome, await LastOutcomeAsync(configuration));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task The_scheduler_records_the_outcome_of_that_code(string status, string outcome, int exitCode)
    {
        var configuration = await ConfigurationAsync(status);
        configuration["Amigo:Academies:toulouse:Jobs:verdict:Schedule"] = "*/5 * * * *";
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 1, 0, TimeSpan.Zero));
        await using var app = TestHosts.Create(configuration, o =>
        {
            o.RunScheduler = true;
            o.TimeProvider = clock;
        });
        await app.StartAsync();
        var runs = app.Services.GetRequiredService<JobRunStore>();
        JobRunRecord? run = null;
        await DisabledPluginTests.WaitUntilAsync(async () =>
        {
            if (clock.GetUtcNow() < new DateTimeOffset(2026, 11, 23, 9, 9, 0, TimeSpan.Zero)) clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(50);
            run = (await runs.RecentAsync("toulouse", "verdict", 1)).FirstOrDefault(r => r.Outcome != JobRunOutcomes.Running);
            return run is not null;
        });
        // What monitoring reads: /health and the jobs API show the last outcome of the academy's job.
        using (var health = JsonDocument.Parse(await (await app.Client(null).GetAsync("/health")).Content.ReadAsStringAsync()))
            Assert.Contains(health.RootElement.GetProperty("jobs").EnumerateArray(),
                j => j.GetProperty("academy").GetString() == "toulouse" && j.GetProperty("job").GetString() == "verdict" && j.GetProperty("outcome").GetString() == outcome);
        using (var jobs = JsonDocument.Parse(await app.Client(TestHosts.AdminKey).GetStringAsync("/api/academies/toulouse/jobs")))
            Assert.Equal(outcome, jobs.RootElement.EnumerateArray().Single(j => j.GetProperty("id").GetString() == "verdict").GetProperty("lastOutcome").GetString());
        await app.StopAsync();
        Assert.Equal(("schedule", outcome), (run!.Trigger, run.Outcome));
        Assert.Equal(exitCode, ExitCodes.ForOutcome(run.Outcome));
        // What monitoring reads: the last outcome per academy and job, from the API and /health.
        var latest = await runs.LatestOutcomesAsync("toulouse");
        Assert.Equal(outcome, Assert.Single(latest, r => r.JobId == "verdict").Outcome);
    }

    [Fact]
    public async Task A_run_refused_by_the_lock_is_skipped_locked_with_exit_4_from_both_commands()
    {
        var configuration = await ConfigurationAsync(nameof(JobStatus.Succeeded));
        await using var held = await new JobLock(new ConnectorDatabase(Npgsql.NpgsqlDataSource.Create(configuration["Amigo:Database:ConnectionString"]!)))
            .TryAcquireAsync("toulouse", "verdict");
        Assert.NotNull(held);

        var viaJobs = await CliAsync(configuration, "jobs", "run", "verdict", "--academy", "toulouse");
        Assert.True(viaJobs.Code == ExitCodes.Locked, viaJobs.Error);
        Assert.Equal(JobRunOutcomes.SkippedLocked, await LastOutcomeAsync(configuration));

        var viaPlugin = await CliAsync(configuration, "verdict", "--academy", "toulouse");
        Assert.True(viaPlugin.Code == ExitCodes.Locked, viaPlugin.Error);
        Assert.Equal(JobRunOutcomes.SkippedLocked, await LastOutcomeAsync(configuration));
        Assert.Equal(4, ExitCodes.ForOutcome(JobRunOutcomes.SkippedLocked));
    }

    [Fact]
    public async Task The_plugins_own_command_refuses_an_unknown_academy_and_a_disabled_plugin_with_exit_3()
    {
        var configuration = await ConfigurationAsync(nameof(JobStatus.Succeeded));
        Assert.Equal(ExitCodes.NotFound, (await CliAsync(configuration, "verdict", "--academy", "nowhere")).Code);
        Assert.Equal(ExitCodes.NotFound, (await CliAsync(configuration, "verdict", "--academy", "montpellier")).Code);
    }
}
