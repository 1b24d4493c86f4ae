namespace Amigo.Connector.Sync;

/// <summary>
/// The <c>sync</c> job of an academy. Arguments: <c>full=true</c> reads every ticket (and reconciles deletions);
/// <c>reconcile=true</c> forces a key reconciliation in an incremental sync.
/// </summary>
public sealed class SyncJob(SyncEngine engine) : IAcademyJob
{
    /// <summary>Job id.</summary>
    public const string JobId = "sync";

    /// <inheritdoc />
    public async Task<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = new SyncRequest(Flag(context, "full"), Flag(context, "reconcile"));
        var result = await engine.SyncAsync(context.Academy, request, context.Progress, cancellationToken);
        return new JobOutcome(result.Counts, result.Summary) { Details = new { result.Full, result.Reconciled, result.Watermark, result.IdWindow } };
    }

    private static bool Flag(JobRunContext context, string name)
    {
        if (!context.Arguments.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw new ArgumentException($"Sync argument '{name}' must be true or false (got '{text}').");
    }
}
