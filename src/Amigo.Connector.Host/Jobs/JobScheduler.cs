namespace Amigo.Connector.Host.Jobs;

/// <summary>
/// One loop over academies × scheduled jobs: sleeps until the earliest due run (at most
/// <see cref="SchedulerOptions.MaxIdle"/>), then starts what is due through the <see cref="JobRunner"/>. A plugin job runs
/// only where its plugin is enabled at that moment. Several hosts may run this loop: the runner's lock lets one run
/// each (academy, job) occurrence, the others record a skip.
/// </summary>
public sealed class JobScheduler(
    ConnectorSettings settings,
    IAcademyRegistry registry,
    JobRunner runner,
    TimeProvider time,
    ILogger<JobScheduler> logger) : BackgroundService
{
    private readonly Dictionary<(string Academy, string Job), DateTimeOffset> _due = [];

    /// <summary>When each scheduled (academy, job) runs next, as the loop sees it.</summary>
    public IReadOnlyDictionary<(string Academy, string Job), DateTimeOffset> NextRuns
    {
        get { lock (_due) return new Dictionary<(string, string), DateTimeOffset>(_due); }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Scheduler started for {Count} academies", settings.Academies.Count);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            foreach (var academy in settings.Academies)
            {
                foreach (var (jobId, schedule) in academy.Schedules)
                {
                    if (!schedule.Enabled) continue;
                    var key = (academy.Id, jobId);
                    DateTimeOffset? due;
                    lock (_due) due = _due.TryGetValue(key, out var d) ? d : null;
                    if (due is null)
                    {
                        SetDue(key, ScheduleCalculator.Next(schedule, academy.Context.TimeZone, now));
                        continue;
                    }
                    if (due > now) continue;
                    SetDue(key, ScheduleCalculator.Next(schedule, academy.Context.TimeZone, now));
                    _ = StartDueAsync(academy.Id, jobId, stoppingToken);
                }
            }

            DateTimeOffset? earliest;
            lock (_due) earliest = _due.Count == 0 ? null : _due.Values.Min();
            var sleep = earliest is { } next ? next - time.GetUtcNow() : settings.Options.Scheduler.MaxIdle;
            sleep = sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep > settings.Options.Scheduler.MaxIdle ? settings.Options.Scheduler.MaxIdle : sleep;
            try
            {
                await Task.Delay(sleep, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void SetDue((string, string) key, DateTimeOffset? next)
    {
        lock (_due)
        {
            if (next is { } value) _due[key] = value;
            else _due.Remove(key);
        }
    }

    private async Task StartDueAsync(string academyId, string jobId, CancellationToken stoppingToken)
    {
        try
        {
            var job = settings.FindJob(jobId)!;
            if (job.PluginId is not null && !await registry.IsPluginEnabledAsync(academyId, job.PluginId, stoppingToken)) return;
            if (runner.IsRunningHere(academyId, jobId))
            {
                logger.LogInformation("Job {Job} for {Academy} is still running here: this occurrence is skipped", jobId, academyId);
                return;
            }
            await runner.StartAsync(new JobRequest(academyId, jobId, "schedule"), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not start job {Job} for {Academy}", jobId, academyId);
        }
    }
}

/// <summary>Waits for running jobs (manual ones included) when the host stops.</summary>
internal sealed class JobRunnerShutdown(JobRunner runner, ConnectorSettings settings, TimeProvider time) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => runner.DrainAsync(settings.Options.Scheduler.ShutdownTimeout, time);
}
