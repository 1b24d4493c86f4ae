namespace Amigo.Connector.Contracts.Audit;

/// <summary>How an unsettled decision was settled.</summary>
public enum ReconciledAs
{
    /// <summary>iTop shows the connector's write with the decision's key: recorded <c>done</c>.</summary>
    Done,
    /// <summary>iTop shows no such write: recorded <c>abandoned</c> (the write never happened; a new decision may be made).</summary>
    Abandoned,
    /// <summary>iTop's history could not be read: left unsettled for the next run.</summary>
    Unknown,
}

/// <summary>One reconciled decision.</summary>
/// <param name="Decision">The <c>decided</c> entry.</param>
/// <param name="Result">What it became.</param>
/// <param name="Evidence">The operations iTop recorded for the write (empty unless <see cref="ReconciledAs.Done"/>).</param>
/// <param name="Error">Why iTop could not tell, when <see cref="ReconciledAs.Unknown"/>.</param>
public sealed record ReconciledDecision(AuditRecord Decision, ReconciledAs Result, IReadOnlyList<ITopChangeOperation> Evidence, string? Error);

/// <summary>
/// Settles the decisions a crash left open. A plugin audits <c>decided</c> (with an idempotency key, also written in the
/// call's comment) before writing to iTop and <c>key:done</c> after; a process killed in between leaves a decision
/// alone. At the start of the next run each one is looked up in iTop (<see cref="ITopChangeHistory"/>): found → <c>done</c> (with the
/// plugin's own follow-up, e.g. <c>closed_by_connector</c>), not found → <c>abandoned</c>. So no write stays without its
/// <c>done</c> row after one more run.
/// </summary>
public sealed class DecisionReconciler(IAuditLog audit)
{
    /// <summary>
    /// Settles the open decisions of <paramref name="actor"/>'s <paramref name="action"/> in <paramref name="academyId"/>.
    /// <paramref name="onDone"/> runs before the <c>done</c> row is written (so a crash there is retried next run).
    /// </summary>
    public async Task<IReadOnlyList<ReconciledDecision>> ReconcileAsync(string academyId, string actor, string action, IITopClient itop, long? runId,
        Func<AuditRecord, CancellationToken, Task>? onDone, CancellationToken cancellationToken)
    {
        var settled = new List<ReconciledDecision>();
        foreach (var decision in await audit.UnsettledDecisionsAsync(academyId, actor, action, cancellationToken))
        {
            var entry = decision.Entry;
            var key = entry.IdempotencyKey!;
            IReadOnlyList<ITopChangeOperation> evidence;
            try
            {
                evidence = entry.ITopKey is { } id && entry.ITopClass is { } className
                    ? await ITopChangeHistory.FindAsync(itop, className, id, key, cancellationToken)
                    : [];
            }
            catch (Exception error) when (error is ITopException or ITopTransportException or ITopFormatException or ITopOutcomeUnknownException)
            {
                settled.Add(new ReconciledDecision(decision, ReconciledAs.Unknown, [], error.Message));
                continue;
            }

            if (evidence.Count > 0)
            {
                if (onDone is not null) await onDone(decision, cancellationToken);
                await audit.RecordAsync(entry with
                {
                    Outcome = "done",
                    Reason = "reconciled",
                    IdempotencyKey = key + ":done",
                    JobRunId = runId,
                    ITopCode = 0,
                    // After stays the decision's intent (reports read it like any done row); the evidence goes in the message.
                    ITopMessage = $"decision {decision.Id} found in iTop ({string.Join(", ", evidence.Select(e => e.OperationClass).Distinct())}) at {evidence[0].Date}"
                                  + (evidence[0].ChangeId is { } change ? $", CMDBChange {change}" : ""),
                }, cancellationToken);
                settled.Add(new ReconciledDecision(decision, ReconciledAs.Done, evidence, null));
            }
            else
            {
                await audit.RecordAsync(entry with
                {
                    Outcome = "abandoned",
                    Reason = "no_change_in_itop",
                    JobRunId = runId,
                    ITopMessage = $"decision {decision.Id} has no write with its key in iTop (journal and change history)",
                }, cancellationToken);
                settled.Add(new ReconciledDecision(decision, ReconciledAs.Abandoned, [], null));
            }
        }
        return settled;
    }
}
