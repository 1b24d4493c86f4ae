namespace Amigo.Connector.Contracts.Jobs;

/// <summary>What a finished job says about its own run; the host records it in <c>job_runs.outcome</c>.</summary>
public enum JobStatus
{
    /// <summary>Everything the run attempted worked (doing nothing is a success).</summary>
    Succeeded,
    /// <summary>The run went to its end but some items failed: monitoring must see it.</summary>
    Partial,
    /// <summary>The run attempted items and none worked (e.g. iTop refused every call).</summary>
    Failed,
    /// <summary>The run did nothing because another run held a lock.</summary>
    SkippedLocked,
}

/// <summary>The exit codes shared by every way a job runs (<c>amigo jobs run</c>, a plugin's command), one table for all.</summary>
public static class JobExitCodes
{
    /// <summary>The run succeeded.</summary>
    public const int Succeeded = 0;
    /// <summary>The run failed (or nothing it attempted worked).</summary>
    public const int Failed = 1;
    /// <summary>Invalid configuration or arguments.</summary>
    public const int InvalidConfiguration = 2;
    /// <summary>Unknown academy or job, or the plugin is disabled for the academy.</summary>
    public const int NotFound = 3;
    /// <summary>Another run holds the job's lock: nothing was done.</summary>
    public const int Locked = 4;
    /// <summary>The database could not be reached.</summary>
    public const int DatabaseUnavailable = 5;
    /// <summary>The run ended but some items failed (see the counts).</summary>
    public const int Partial = 6;
    /// <summary>Interrupted or cancelled.</summary>
    public const int Cancelled = 130;

    /// <summary>The exit code of a job status.</summary>
    public static int For(JobStatus status) => status switch
    {
        JobStatus.Succeeded => Succeeded,
        JobStatus.Partial => Partial,
        JobStatus.SkippedLocked => Locked,
        _ => Failed,
    };

    /// <summary>The status of a run that attempted <paramref name="failed"/> + <paramref name="succeeded"/> items.</summary>
    public static JobStatus StatusOf(long succeeded, long failed) =>
        failed == 0 ? JobStatus.Succeeded : succeeded > 0 ? JobStatus.Partial : JobStatus.Failed;
}
