namespace Amigo.Plugins.Reassignment;

/// <summary>The scheduled job <c>reassign</c>: one reassignment pass for one academy.</summary>
public sealed class ReassignmentJob(ReassignmentRunner runner) : IAcademyJob
{
    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        var report = await runner.RunAsync(context.Academy, context.DryRun, context.RunId, context.Progress, cancellationToken);
        return new JobOutcome(report.Counts, report.Summary()) { Details = report.Decisions, Status = report.Status };
    }
}
