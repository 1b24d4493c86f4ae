namespace Amigo.Plugins.AutoClose.Running;

/// <summary>One ticket's outcome in a run, as shown by the CLI (<c>--json</c>) and kept in <see cref="Amigo.Connector.Contracts.Jobs.JobOutcome.Details"/>.</summary>
/// <param name="Ref">Ticket reference.</param>
/// <param name="ITopId">iTop id.</param>
/// <param name="Action"><c>close</c> or <c>remind</c>.</param>
/// <param name="Outcome"><c>done</c>, <c>dry-run</c>, <c>skipped</c>, <c>failed</c>, <c>deferred</c>.</param>
/// <param name="Reason">Reason code.</param>
/// <param name="DueAt">When the ticket is due.</param>
/// <param name="Detail">Human detail (iTop's error, who wrote in the journal…).</param>
public sealed record DecisionReport(string Ref, long ITopId, string Action, string Outcome, string Reason, DateTimeOffset? DueAt, string? Detail);
