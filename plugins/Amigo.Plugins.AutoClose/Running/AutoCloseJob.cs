namespace Amigo.Plugins.AutoClose.Running;

/// <summary>The scheduled job <c>autoclose</c>: one run for one academy (also what <c>amigo autoclose</c> runs).</summary>
public sealed class AutoCloseJob(IAutoCloseStore store, IAuditLog audit, TimeProvider time, ILogger<AutoCloseJob> logger, IFaultPoints? faults = null) : IAcademyJob
{
    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        var runner = new AutoCloseRunner(context.Academy, store, audit, time, logger, faults);
        var report = await runner.RunAsync(new AutoCloseRunOptions(context.DryRun, context.RunId, context.Progress), cancellationToken);
        return report.ToOutcome();
    }
}
