namespace Amigo.Plugins.Retention.Running;

/// <summary>The scheduled job <c>retention</c>: one run for one academy (also what <c>amigo retention</c> runs).</summary>
public sealed class RetentionJob(RetentionStore store, IAuditLog audit, TimeProvider time, ILogger<RetentionJob> logger, IFaultPoints? faults = null) : IAcademyJob
{
    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        var runner = new RetentionRunner(context.Academy, store, audit, time, logger, faults);
        var report = await runner.RunAsync(new RetentionRunOptions(context.DryRun, context.RunId), cancellationToken);
        return report.ToOutcome();
    }
}
