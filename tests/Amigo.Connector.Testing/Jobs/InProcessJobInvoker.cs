namespace Amigo.Connector.Testing.Jobs;

/// <summary>
/// The host's <see cref="IPluginJobInvoker"/> for a plugin's tests, which run without the host: the same refusals
/// (unknown academy, plugin disabled: exit 3), a <c>job_runs</c> row with the job lock when a database is registered,
/// the job's status turned into the shared exit codes. The host's own runner is tested end to end in the host's tests.
/// </summary>
public sealed class InProcessJobInvoker(IServiceProvider services, string pluginId, Type jobType) : IPluginJobInvoker
{
    /// <inheritdoc />
    public async Task<PluginJobResult> RunAsync(PluginJobInvocation invocation, CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<IAcademyRegistry>();
        var academy = registry.Find(invocation.AcademyId.Trim().ToLowerInvariant());
        if (academy is null) return Refused(invocation.AcademyId, $"Unknown academy '{invocation.AcademyId}'.");
        if (!await registry.IsPluginEnabledAsync(academy.Id, pluginId, cancellationToken))
            return Refused(academy.Id, $"Job '{invocation.JobId}' belongs to plugin '{pluginId}', which is disabled for academy '{academy.Id}'.");

        var database = services.GetService<IConnectorDatabase>();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var runs = database is null ? null : new JobRunStore(database, time);
        await using var held = database is null ? null : await new JobLock(database).TryAcquireAsync(academy.Id, invocation.JobId, cancellationToken);
        if (database is not null && held is null)
            return new PluginJobResult(null, academy.Id, JobRunOutcomes.SkippedLocked, JobExitCodes.Locked, new Dictionary<string, long>(), null, "locked", null);
        var runId = runs is null ? 0 : await runs.StartAsync(academy.Id, invocation.JobId, invocation.Trigger, invocation.DryRun, held, "test", cancellationToken);

        await using var scope = services.CreateAsyncScope();
        var job = (IAcademyJob)ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, jobType);
        var context = new JobRunContext(academy, invocation.JobId, runId, invocation.DryRun, invocation.Trigger, new Progress<JobProgress>(),
            new Dictionary<string, string>());
        try
        {
            var outcome = await job.RunAsync(context, cancellationToken);
            var recorded = outcome.Status switch
            {
                JobStatus.Succeeded => JobRunOutcomes.Succeeded,
                JobStatus.Partial => JobRunOutcomes.Partial,
                JobStatus.SkippedLocked => JobRunOutcomes.SkippedLocked,
                _ => JobRunOutcomes.Failed,
            };
            if (runs is not null) await runs.FinishAsync(runId, recorded, outcome.Counts, outcome.Summary, null, CancellationToken.None);
            return new PluginJobResult(runId, academy.Id, recorded, JobExitCodes.For(outcome.Status), outcome.Counts, outcome.Summary, null, outcome.Details);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            if (runs is not null) await runs.FinishAsync(runId, JobRunOutcomes.Failed, null, null, error.Message, CancellationToken.None);
            return new PluginJobResult(runId, academy.Id, JobRunOutcomes.Failed, JobExitCodes.Failed, new Dictionary<string, long>(), null, error.Message, null);
        }
    }

    private static PluginJobResult Refused(string academyId, string error) =>
        new(null, academyId, "refused", JobExitCodes.NotFound, new Dictionary<string, long>(), null, error, null);
}
