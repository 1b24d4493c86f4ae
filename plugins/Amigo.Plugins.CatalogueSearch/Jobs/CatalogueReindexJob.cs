namespace Amigo.Plugins.CatalogueSearch.Jobs;

/// <summary>Scheduled incremental refresh of an academy's catalogue index (writes nothing to iTop).</summary>
public sealed class CatalogueReindexJob(CatalogueSearchService service) : IAcademyJob
{
    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        context.Progress.Report(new JobProgress("refresh catalogue index", 0, null));
        var report = await service.Store.RefreshAsync(context.Academy.Id, service.ProfileOf(context.Academy), cancellationToken);
        context.Progress.Report(new JobProgress("refresh catalogue index", report.Entries, report.Entries));
        var counts = new Dictionary<string, long>
        {
            ["entries"] = report.Entries,
            ["reanalyzed"] = report.Reanalyzed,
            ["reused"] = report.Reused,
            ["removed"] = report.Removed,
            ["scope_reloaded"] = report.ScopeReloaded ? 1 : 0,
        };
        return new JobOutcome(counts,
            $"{report.Entries} catalogue entries indexed ({report.Reanalyzed} analysed, {report.Removed} removed) in {report.Elapsed.TotalMilliseconds:0} ms");
    }
}
