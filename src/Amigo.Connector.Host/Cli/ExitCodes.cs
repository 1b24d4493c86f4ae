namespace Amigo.Connector.Host.Cli;

/// <summary>Exit codes of <c>amigo</c>, for scripts: one table for <c>amigo jobs run</c>, every plugin command and the scheduler's records.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = JobExitCodes.Succeeded;
    /// <summary>A job or an operation failed.</summary>
    public const int Failed = JobExitCodes.Failed;
    /// <summary>The configuration or the command line is invalid.</summary>
    public const int InvalidConfiguration = JobExitCodes.InvalidConfiguration;
    /// <summary>Unknown academy, plugin or job, or a plugin disabled for the academy.</summary>
    public const int NotFound = JobExitCodes.NotFound;
    /// <summary>Another run of the job holds its lock (on this or another host).</summary>
    public const int Locked = JobExitCodes.Locked;
    /// <summary>The database could not be reached.</summary>
    public const int DatabaseUnavailable = JobExitCodes.DatabaseUnavailable;
    /// <summary>A job ran to its end but some of its items failed.</summary>
    public const int Partial = JobExitCodes.Partial;
    /// <summary>Interrupted (Ctrl+C) or cancelled.</summary>
    public const int Cancelled = JobExitCodes.Cancelled;

    /// <summary>The exit code of a recorded run outcome (<see cref="JobRunOutcomes"/>).</summary>
    public static int ForOutcome(string outcome) => outcome switch
    {
        JobRunOutcomes.Succeeded => Success,
        JobRunOutcomes.Partial => Partial,
        JobRunOutcomes.SkippedLocked => Locked,
        JobRunOutcomes.Cancelled => Cancelled,
        _ => Failed,
    };

    /// <summary>The worst of several exit codes (a failure wins over a partial run, which wins over a lock skip).</summary>
    public static int Worst(IEnumerable<int> codes) => codes.DefaultIfEmpty(Success).MaxBy(Severity);

    private static int Severity(int code) => code switch
    {
        Success => 0,
        Locked => 1,
        Partial => 2,
        _ => 3,
    };
}
