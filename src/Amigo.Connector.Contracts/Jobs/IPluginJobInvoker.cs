namespace Amigo.Connector.Contracts.Jobs;

/// <summary>
/// Runs a job the way the host does (academy and enabled checks, the job's lock, one <c>job_runs</c> row, the shared
/// exit codes of <see cref="JobExitCodes"/>). A plugin's own command goes through it instead of re-implementing any of that.
/// </summary>
public interface IPluginJobInvoker
{
    /// <summary>Runs <paramref name="invocation"/> and waits for its end. Never throws for refusals: they come back with their exit code.</summary>
    Task<PluginJobResult> RunAsync(PluginJobInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>A job to run now.</summary>
/// <param name="AcademyId">Academy id (case-insensitive).</param>
/// <param name="JobId">Full job id (e.g. <c>autoclose</c>).</param>
/// <param name="DryRun">Decide and report, write nothing to iTop.</param>
/// <param name="Trigger">Recorded in <c>job_runs.trigger</c>.</param>
public sealed record PluginJobInvocation(string AcademyId, string JobId, bool DryRun, string Trigger = "cli");

/// <summary>How a run ended, or why it did not start.</summary>
/// <param name="RunId">The <c>job_runs</c> id (null when refused before a row existed).</param>
/// <param name="AcademyId">The academy (normalised when known).</param>
/// <param name="Outcome">The recorded outcome (<c>succeeded</c>, <c>partial</c>, <c>failed</c>, <c>skipped-locked</c>, <c>cancelled</c>) or <c>refused</c>.</param>
/// <param name="ExitCode">The process exit code for this outcome (<see cref="JobExitCodes"/>).</param>
/// <param name="Counts">The job's counts.</param>
/// <param name="Summary">The job's summary line.</param>
/// <param name="Error">Why it failed or was refused.</param>
/// <param name="Details">The job's structured details (decisions), when any.</param>
public sealed record PluginJobResult(long? RunId, string AcademyId, string Outcome, int ExitCode, IReadOnlyDictionary<string, long> Counts,
    string? Summary, string? Error, object? Details);
