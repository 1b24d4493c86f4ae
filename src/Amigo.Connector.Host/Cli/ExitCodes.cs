namespace Amigo.Connector.Host.Cli;

/// <summary>Exit codes of <c>amigo</c>, for scripts.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;
    /// <summary>A job or an operation failed.</summary>
    public const int Failed = 1;
    /// <summary>The configuration or the command line is invalid.</summary>
    public const int InvalidConfiguration = 2;
    /// <summary>Unknown academy, plugin or job, or a plugin disabled for the academy.</summary>
    public const int NotFound = 3;
    /// <summary>Another run of the job holds its lock (on this or another host).</summary>
    public const int Locked = 4;
    /// <summary>The database could not be reached.</summary>
    public const int DatabaseUnavailable = 5;
    /// <summary>Interrupted (Ctrl+C) or cancelled.</summary>
    public const int Cancelled = 130;
}
