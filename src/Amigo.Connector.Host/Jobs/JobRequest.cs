namespace Amigo.Connector.Host.Jobs;

/// <summary>A request to run one job for one academy (from the scheduler, the CLI or HTTP).</summary>
/// <param name="AcademyId">Academy.</param>
/// <param name="JobId">Full job id.</param>
/// <param name="Trigger"><c>schedule</c>, <c>cli</c>, <c>http</c>, <c>demo</c>.</param>
/// <param name="DryRun">Decide and report, write nothing to iTop.</param>
public sealed record JobRequest(string AcademyId, string JobId, string Trigger, bool DryRun = false)
{
    /// <summary>Job-specific arguments (e.g. <c>full=true</c>).</summary>
    public IReadOnlyDictionary<string, string> Arguments { get; init; } = new Dictionary<string, string>();

    /// <summary>Where progress goes besides the log (CLI progress bars).</summary>
    public IProgress<JobProgress>? Progress { get; init; }
}

/// <summary>How a run ended.</summary>
/// <param name="RunId">Row id in <c>job_runs</c>.</param>
/// <param name="AcademyId">Academy.</param>
/// <param name="JobId">Job.</param>
/// <param name="Outcome">One of <see cref="Data.JobRunOutcomes"/>.</param>
/// <param name="Counts">Counts reported by the job.</param>
/// <param name="Summary">Summary line.</param>
/// <param name="Error">Error, when failed.</param>
/// <param name="Details">Structured details (dry-run decisions) when the job gave some.</param>
public sealed record JobRunResult(long RunId, string AcademyId, string JobId, string Outcome, IReadOnlyDictionary<string, long> Counts,
    string? Summary, string? Error, object? Details);

/// <summary>A run accepted by the runner: its id at once, its result when it ends.</summary>
/// <param name="RunId">Row id in <c>job_runs</c>.</param>
/// <param name="Completion">Ends with the result (never faults).</param>
public sealed record JobRunHandle(long RunId, Task<JobRunResult> Completion);

/// <summary>The job cannot run for that academy: unknown academy or job, or its plugin is disabled there.</summary>
public sealed class JobNotAvailableException(string message) : Exception(message);
