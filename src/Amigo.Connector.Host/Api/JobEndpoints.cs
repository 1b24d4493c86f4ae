namespace Amigo.Connector.Host.Api;

/// <summary>Job runs and manual triggers.</summary>
internal static class JobEndpoints
{
    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/academies/{academy}/jobs").WithMetadata(new ApiAccess(RequiresKey: true, AcademyScoped: true));

        jobs.MapGet("/", async (IAcademyAccessor current, ConnectorSettings settings, IAcademyRegistry registry, JobRunStore runs, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var academy = settings.Find(current.Current.Id)!;
            var latest = (await runs.LatestOutcomesAsync(academy.Id, cancellationToken)).ToDictionary(r => r.JobId, StringComparer.OrdinalIgnoreCase);
            var list = new List<JobSummary>();
            foreach (var job in settings.Jobs)
            {
                var available = job.PluginId is null || await registry.IsPluginEnabledAsync(academy.Id, job.PluginId, cancellationToken);
                academy.Schedules.TryGetValue(job.Id, out var schedule);
                var next = schedule is { Enabled: true } && available ? ScheduleCalculator.Next(schedule, academy.Context.TimeZone, time.GetUtcNow()) : null;
                var last = latest.GetValueOrDefault(job.Id);
                list.Add(new JobSummary(job.Id, job.PluginId, job.Description, available, schedule?.Expression, schedule?.Enabled ?? false, next,
                    last?.Outcome, last?.Id, last?.EndedAt));
            }
            return list;
        }).WithSummary("Jobs of the academy, their schedules and next runs");

        jobs.MapGet("/runs", (IAcademyAccessor current, JobRunStore runs, string? job, int? limit, CancellationToken cancellationToken) =>
            runs.RecentAsync(current.Current.Id, job, limit ?? 50, cancellationToken))
            .WithSummary("Recent runs, newest first");

        jobs.MapPost("/{job}/run", async (string job, bool? dryRun, bool? wait, HttpContext http, IAcademyAccessor current, JobRunner runner, CancellationToken cancellationToken) =>
        {
            var request = new JobRequest(current.Current.Id, job, "http", dryRun ?? false);
            JobRunHandle handle;
            try
            {
                handle = await runner.StartAsync(request, cancellationToken);
            }
            catch (JobNotAvailableException exception)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: exception.Message);
            }
            if (handle.Completion.IsCompleted && handle.Completion.Result.Outcome == JobRunOutcomes.SkippedLocked)
                return Results.Conflict(handle.Completion.Result);
            if (wait == true) return Results.Ok(await handle.Completion.WaitAsync(cancellationToken));
            return Results.Accepted($"/api/academies/{current.Current.Id}/jobs/runs?job={Uri.EscapeDataString(job)}",
                new { runId = handle.RunId, academy = current.Current.Id, job, outcome = JobRunOutcomes.Running });
        }).WithSummary("Runs a job now (202 with the run id; ?wait=true answers with the result; 409 when another run holds the lock)");

        return api;
    }

    /// <summary>A job as the API shows it.</summary>
    public sealed record JobSummary(string Id, string? Plugin, string Description, bool Available, string? Schedule, bool Scheduled, DateTimeOffset? NextRun,
        string? LastOutcome, long? LastRunId, DateTimeOffset? LastEndedAt);
}
