namespace Amigo.Connector.Host.Jobs;

/// <summary>
/// Runs jobs, whoever asks: takes the (academy, job) advisory lock shared by every host (a run that finds it taken is
/// recorded as <c>skipped-locked</c>), records the run in <c>job_runs</c>, and runs the job in its own DI scope and log
/// scope. Shutdown waits for running jobs up to <see cref="SchedulerOptions.ShutdownTimeout"/>, then cancels them.
/// </summary>
public sealed class JobRunner(
    ConnectorSettings settings,
    IAcademyRegistry registry,
    IServiceScopeFactory scopes,
    JobLock locks,
    JobRunStore runs,
    HostIdentity host,
    ILogger<JobRunner> logger) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, (string AcademyId, string JobId, Task Task)> _running = new();

    /// <summary>Whether this host is running (academy, job) right now.</summary>
    public bool IsRunningHere(string academyId, string jobId) =>
        _running.Values.Any(r => string.Equals(r.AcademyId, academyId, StringComparison.OrdinalIgnoreCase) && string.Equals(r.JobId, jobId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Number of runs in progress on this host.</summary>
    public int RunningCount => _running.Count;

    /// <summary>Runs a job and waits for its end.</summary>
    public async Task<JobRunResult> RunAsync(JobRequest request, CancellationToken cancellationToken = default)
    {
        var handle = await StartAsync(request, cancellationToken);
        return await handle.Completion.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Starts a job: returns once the lock is taken and the run recorded (or the skip recorded). The run goes on in
    /// the background; <paramref name="cancellationToken"/> cancels only the start, and <paramref name="runCancellation"/>, when given, the run.
    /// </summary>
    public async Task<JobRunHandle> StartAsync(JobRequest request, CancellationToken cancellationToken = default, CancellationToken runCancellation = default)
    {
        var academy = registry.Find(request.AcademyId) ?? throw new JobNotAvailableException($"Unknown academy '{request.AcademyId}'.");
        var job = settings.FindJob(request.JobId) ?? throw new JobNotAvailableException(
            $"Unknown job '{request.JobId}' (known: {string.Join(", ", settings.Jobs.Select(j => j.Id))}).");
        if (job.PluginId is not null && !await registry.IsPluginEnabledAsync(academy.Id, job.PluginId, cancellationToken))
            throw new JobNotAvailableException($"Job '{job.Id}' belongs to plugin '{job.PluginId}', which is disabled for academy '{academy.Id}'.");
        if (_stopping.IsCancellationRequested)
            throw new JobNotAvailableException("The host is shutting down: no new job runs.");

        var lockHandle = await locks.TryAcquireAsync(academy.Id, job.Id, cancellationToken);
        if (lockHandle is null)
        {
            var reason = $"Another run of {job.Id} for {academy.Id} holds the lock (this host or another).";
            var skippedId = await runs.RecordSkippedAsync(academy.Id, job.Id, request.Trigger, reason, host.Name, request.DryRun, cancellationToken);
            logger.LogInformation("Job {Job} for {Academy} skipped: {Reason}", job.Id, academy.Id, reason);
            return new JobRunHandle(skippedId, Task.FromResult(new JobRunResult(skippedId, academy.Id, job.Id, JobRunOutcomes.SkippedLocked,
                new Dictionary<string, long>(), reason, null, null)));
        }

        long runId;
        try
        {
            await SweepAbandonedAsync(cancellationToken);
            runId = await runs.StartAsync(academy.Id, job.Id, request.Trigger, request.DryRun, lockHandle, host.Name, cancellationToken);
        }
        catch
        {
            await lockHandle.DisposeAsync();
            throw;
        }

        var started = new TaskCompletionSource();
        var task = ExecuteAsync(academy, job, request, runId, lockHandle, started.Task, runCancellation);
        _running[runId] = (academy.Id, job.Id, task);
        started.SetResult();
        return new JobRunHandle(runId, task);
    }

    private async Task<JobRunResult> ExecuteAsync(AcademyContext academy, JobDescriptor job, JobRequest request, long runId,
        JobLockHandle lockHandle, Task registered, CancellationToken runCancellation)
    {
        await registered;
        await Task.Yield(); // the caller gets its handle before the job's first synchronous work
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, runCancellation);
        using var logScope = logger.BeginScope(new Dictionary<string, object>
        {
            ["Academy"] = academy.Id, ["Job"] = job.Id, ["RunId"] = runId, ["Trigger"] = request.Trigger,
        });
        var progress = new LoggingProgress(logger, request.Progress);
        JobRunResult result;
        try
        {
            logger.LogInformation("Job {Job} for {Academy} started (run {RunId}, {Trigger}{DryRun})", job.Id, academy.Id, runId, request.Trigger, request.DryRun ? ", dry run" : "");
            await using var scope = scopes.CreateAsyncScope();
            var instance = (IAcademyJob)scope.ServiceProvider.GetRequiredService(job.JobType);
            var context = new JobRunContext(academy, job.Id, runId, request.DryRun, request.Trigger, progress, request.Arguments);
            var outcome = await instance.RunAsync(context, cancellation.Token);
            var recorded = OutcomeOf(outcome.Status);
            result = new JobRunResult(runId, academy.Id, job.Id, recorded, outcome.Counts, outcome.Summary,
                outcome.Status == JobStatus.Succeeded ? null : outcome.Summary, outcome.Details);
            if (outcome.Status == JobStatus.Succeeded)
                logger.LogInformation("Job {Job} for {Academy} succeeded: {Summary}", job.Id, academy.Id, outcome.Summary);
            else
                logger.LogWarning("Job {Job} for {Academy} ended {Outcome}: {Summary}", job.Id, academy.Id, recorded, outcome.Summary);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            result = new JobRunResult(runId, academy.Id, job.Id, JobRunOutcomes.Cancelled, progress.Counts, null,
                _stopping.IsCancellationRequested ? "Cancelled: the host shut down before the job ended." : "Cancelled.", null);
            logger.LogWarning("Job {Job} for {Academy} cancelled", job.Id, academy.Id);
        }
        catch (Exception exception)
        {
            result = new JobRunResult(runId, academy.Id, job.Id, JobRunOutcomes.Failed, progress.Counts, null, $"{exception.GetType().Name}: {exception.Message}", null);
            logger.LogError(exception, "Job {Job} for {Academy} failed", job.Id, academy.Id);
        }

        try
        {
            // Recorded even during shutdown, hence no cancellation token.
            await runs.FinishAsync(runId, result.Outcome, result.Counts, result.Summary, result.Error, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not record the end of run {RunId}; the next start marks it abandoned", runId);
        }
        finally
        {
            await lockHandle.DisposeAsync();
            _running.TryRemove(runId, out _);
        }
        return result;
    }

    /// <summary>What <c>job_runs.outcome</c> says for a job's own status.</summary>
    public static string OutcomeOf(JobStatus status) => status switch
    {
        JobStatus.Succeeded => JobRunOutcomes.Succeeded,
        JobStatus.Partial => JobRunOutcomes.Partial,
        JobStatus.SkippedLocked => JobRunOutcomes.SkippedLocked,
        _ => JobRunOutcomes.Failed,
    };

    // Whoever takes a lock next sweeps the runs of processes that died holding one (not only `serve` at start):
    // a killed `amigo autoclose` is marked abandoned by the next run of any job, from any command or host.
    private async Task SweepAbandonedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var abandoned = await runs.MarkAbandonedAsync(cancellationToken: cancellationToken);
            if (abandoned > 0) logger.LogWarning("{Count} job run(s) left running by a process that died were marked abandoned", abandoned);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not sweep abandoned job runs");
        }
    }

    /// <summary>Refuses new runs, waits for running ones up to <paramref name="bound"/>, then cancels the rest and waits for them to record their end.</summary>
    public async Task DrainAsync(TimeSpan bound, TimeProvider time)
    {
        var pending = _running.Values.Select(r => r.Task).ToArray();
        if (pending.Length == 0)
        {
            await _stopping.CancelAsync();
            return;
        }
        logger.LogInformation("Waiting up to {Bound} for {Count} running job(s)", bound, pending.Length);
        try
        {
            await Task.WhenAll(pending).WaitAsync(bound, time);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Jobs still running after {Bound}: cancelling them", bound);
        }
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values.Select(r => r.Task));
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    /// <summary>Logs progress steps and forwards them (to a CLI progress bar), keeping the last counts for a failed run's record.</summary>
    private sealed class LoggingProgress(ILogger logger, IProgress<JobProgress>? next) : IProgress<JobProgress>
    {
        private readonly ConcurrentDictionary<string, long> _counts = new();
        private string? _lastStep;

        public IReadOnlyDictionary<string, long> Counts => new Dictionary<string, long>(_counts);

        public void Report(JobProgress value)
        {
            _counts[value.Step] = value.Done;
            if (value.Step != _lastStep)
            {
                _lastStep = value.Step;
                logger.LogDebug("Step {Step}", value.Step);
            }
            next?.Report(value);
        }
    }
}

/// <summary>This host's name in <c>job_runs.host_name</c>.</summary>
/// <param name="Name">Machine name unless configured.</param>
public sealed record HostIdentity(string Name);
