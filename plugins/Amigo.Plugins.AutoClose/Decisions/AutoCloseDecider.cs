namespace Amigo.Plugins.AutoClose.Decisions;

/// <summary>
/// The pure decision: given the synced ticket, what iTop says now and the time, close, remind, skip or wait.
/// Every doubt ends in a skip: closing the wrong ticket is the worst failure this plugin can have.
/// </summary>
public sealed class AutoCloseDecider(AutoClosePolicy policy)
{
    /// <summary>Decides for one ticket. <paramref name="current"/> is null when iTop no longer has it.</summary>
    public AutoCloseDecision Decide(CandidateTicket synced, TicketSnapshot? current, DateTimeOffset now)
    {
        if (current is null) return AutoCloseDecision.Skip(SkipReasons.NotFound);

        if (!policy.ResolvedStatuses.Contains(current.Status))
        {
            var reason = policy.Profile.GroupOf(current.Status) switch
            {
                StatusGroup.Closed => SkipReasons.AlreadyClosed,
                StatusGroup.Open or StatusGroup.Waiting => SkipReasons.Reopened,
                _ => SkipReasons.NotResolved,
            };
            return AutoCloseDecision.Skip(reason, detail: $"status is now '{current.Status}'");
        }

        if (current.ResolutionLocal is not { } resolutionLocal)
            return AutoCloseDecision.Skip(SkipReasons.NoResolutionDate);

        var resolvedAt = policy.Clock.ToInstant(resolutionLocal);
        var drift = resolvedAt - synced.ResolutionDate;
        if (drift >= TimeSpan.FromSeconds(1))
            return AutoCloseDecision.Skip(SkipReasons.Reopened, resolvedAt,
                detail: $"resolved again on {resolutionLocal:yyyy-MM-dd HH:mm:ss} (synced: {synced.ResolutionDate:O})");
        if (drift <= TimeSpan.FromSeconds(-1))
            return AutoCloseDecision.Skip(SkipReasons.ResolutionDateMismatch, resolvedAt,
                detail: $"iTop says {resolutionLocal:yyyy-MM-dd HH:mm:ss}, the synced copy {synced.ResolutionDate:O}");

        var dueAt = policy.DueAt(resolvedAt);
        var remindAt = policy.RemindAt(dueAt);
        var inReminderWindow = remindAt is { } remind && now >= remind;
        if (now < dueAt && !inReminderWindow)
            return new AutoCloseDecision(DecisionKind.Wait, "not_due", resolvedAt, dueAt, remindAt);

        if (FirstActivityAfterResolution(current, resolutionLocal) is { } activity)
        {
            var byRequester = current.CallerName is not null
                              && string.Equals(AutoClosePolicy.Normalise(activity.UserLogin), AutoClosePolicy.Normalise(current.CallerName), StringComparison.OrdinalIgnoreCase);
            return AutoCloseDecision.Skip(byRequester ? SkipReasons.RequesterReplied : SkipReasons.JournalActivity, resolvedAt, dueAt,
                $"'{activity.UserLogin}' wrote in the requester journal on {activity.LocalDate:yyyy-MM-dd HH:mm:ss}");
        }

        return now >= dueAt
            ? new AutoCloseDecision(DecisionKind.Close, "due", resolvedAt, dueAt, remindAt)
            : new AutoCloseDecision(DecisionKind.Remind, "reminder_due", resolvedAt, dueAt, remindAt);
    }

    /// <summary>
    /// The first requester-journal entry written strictly after the resolution by anyone but the connector.
    /// The entry written in the same second as the resolution is the solution itself, so it does not count.
    /// </summary>
    private CaseLogEntry? FirstActivityAfterResolution(TicketSnapshot ticket, DateTime resolutionLocal) =>
        ticket.PublicLog.FirstOrDefault(entry => entry.LocalDate > resolutionLocal && !policy.IsConnectorAuthor(entry.UserLogin));
}
