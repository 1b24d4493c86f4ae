namespace Amigo.Connector.Host.Jobs;

/// <summary>
/// A plugin command's way to run its job: the same <see cref="JobRunner"/> as <c>amigo jobs run</c> and the scheduler
/// (one lock, one <c>job_runs</c> row with its lock session, one exit-code table), refusals turned into exit codes.
/// </summary>
internal sealed class PluginJobInvoker(JobRunner runner) : IPluginJobInvoker
{
    public async Task<PluginJobResult> RunAsync(PluginJobInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var academyId = invocation.AcademyId.Trim().ToLowerInvariant();
        try
        {
            var result = await runner.RunAsync(new JobRequest(academyId, invocation.JobId, invocation.Trigger, invocation.DryRun), cancellationToken);
            return new PluginJobResult(result.RunId, result.AcademyId, result.Outcome, ExitCodes.ForOutcome(result.Outcome), result.Counts,
                result.Summary, result.Error, result.Details);
        }
        catch (JobNotAvailableException refused)
        {
            return Refused(academyId, ExitCodes.NotFound, refused.Message);
        }
        catch (NpgsqlException unreachable)
        {
            return Refused(academyId, ExitCodes.DatabaseUnavailable, $"The database cannot be reached: {unreachable.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Refused(academyId, ExitCodes.Cancelled, "Interrupted.");
        }
    }

    private static PluginJobResult Refused(string academyId, int exitCode, string error) =>
        new(null, academyId, "refused", exitCode, new Dictionary<string, long>(), null, error, null);
}
