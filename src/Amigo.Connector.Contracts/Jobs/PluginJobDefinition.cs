namespace Amigo.Connector.Contracts.Jobs;

/// <summary>A job a plugin runs per academy.</summary>
/// <param name="Name">Name unique within the plugin, e.g. <c>autoclose</c>; the job's full id is <c>{pluginId}.{name}</c> unless equal.</param>
/// <param name="Description">What a run does.</param>
/// <param name="DefaultSchedule">Cron expression (five fields, academy time zone) used when the academy's configuration gives none; null runs only by hand.</param>
/// <param name="JobType">Type implementing <see cref="IAcademyJob"/>, resolved from a fresh service scope for each run.</param>
public sealed record PluginJobDefinition(string Name, string Description, string? DefaultSchedule, Type JobType);

/// <summary>One run of a job for one academy.</summary>
public interface IAcademyJob
{
    /// <summary>Does the work. Throwing marks the run failed; partial counts should be reported through <see cref="JobRunContext.Progress"/>.</summary>
    Task<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken);
}

/// <summary>What a job run knows about why and for whom it runs.</summary>
/// <param name="Academy">The academy.</param>
/// <param name="JobId">Full job id, e.g. <c>autoclose</c> or <c>sync</c>.</param>
/// <param name="RunId">Id of the run in the <c>job_runs</c> table.</param>
/// <param name="DryRun">Decide and report, write nothing to iTop.</param>
/// <param name="Trigger">Who started it: <c>schedule</c>, <c>cli</c>, <c>http</c>, <c>demo</c>.</param>
/// <param name="Progress">Progress sink (CLI progress bars, logs).</param>
/// <param name="Arguments">Job-specific arguments (e.g. <c>full=true</c> for a sync).</param>
public sealed record JobRunContext(
    Academies.AcademyContext Academy,
    string JobId,
    long RunId,
    bool DryRun,
    string Trigger,
    IProgress<JobProgress> Progress,
    IReadOnlyDictionary<string, string> Arguments);

/// <summary>Progress of a run.</summary>
/// <param name="Step">What is being done.</param>
/// <param name="Done">Items done.</param>
/// <param name="Total">Items in all, when known.</param>
public sealed record JobProgress(string Step, long Done, long? Total);

/// <summary>The result of a run: counts by name (e.g. <c>closed</c>, <c>skipped.requester_replied</c>) and a summary line.</summary>
public sealed record JobOutcome(IReadOnlyDictionary<string, long> Counts, string Summary)
{
    /// <summary>Structured details (e.g. the decisions of a dry run) for <c>--json</c> output; may be null.</summary>
    public object? Details { get; init; }

    /// <summary>How the run went; a job whose items failed must say so (<see cref="JobStatus.Partial"/> or <see cref="JobStatus.Failed"/>).</summary>
    public JobStatus Status { get; init; } = JobStatus.Succeeded;
}
