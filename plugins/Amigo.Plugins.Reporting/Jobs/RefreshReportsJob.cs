namespace Amigo.Plugins.Reporting.Jobs;

/// <summary>
/// Refreshes the reporting materialized views. The views span every academy, so when several academies run the job
/// at the same time only the first refreshes; the others find the views fresh and skip.
/// </summary>
public sealed class RefreshReportsJob(MaterializedViewRefresher refresher) : IAcademyJob
{
    /// <summary>Views refreshed less than this ago are left alone.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        context.Progress.Report(new JobProgress("refresh reporting views", 0, MaterializedViewRefresher.Views.Count));
        var minimumAge = context.Arguments.TryGetValue("force", out var force) && force == "true" ? TimeSpan.Zero : MinimumAge;
        var refreshed = await refresher.RefreshAsync(minimumAge, cancellationToken);
        context.Progress.Report(new JobProgress("refresh reporting views", MaterializedViewRefresher.Views.Count, MaterializedViewRefresher.Views.Count));
        return refreshed
            ? new JobOutcome(new Dictionary<string, long> { ["refreshed"] = MaterializedViewRefresher.Views.Count }, "Reporting views refreshed")
            : new JobOutcome(new Dictionary<string, long> { ["skipped"] = 1 }, "Reporting views already fresh or being refreshed elsewhere");
    }
}
