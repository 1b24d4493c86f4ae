namespace Amigo.Plugins.Retention.Running;

/// <summary>
/// Deletes closed tickets past the period in iTop, in batches of <see cref="RetentionSettings.DeleteBatchSize"/>. Order of
/// safety per batch: read the tickets → decide each (closed, close date past the cutoff and equal to the copy's) → audit
/// <c>decided</c> per ticket under its idempotency key → read them again just before deleting → one <c>core/delete</c>
/// whose OQL key repeats the conditions (id, closed status, close date), so iTop itself deletes nothing that changed in
/// between → per ticket: marked in the copy, then <c>done</c>. A ticket iTop no longer has is the evidence a crash
/// left behind: the next live run settles its decision as <c>done</c> (<see cref="ReconcileAsync"/>).
/// </summary>
internal sealed class ITopDeletion(AcademyContext academy, RetentionStore store, IAuditLog audit, TimeProvider time, ILogger logger,
    IFaultPoints faults, RetentionSettings settings, IReadOnlyList<string> closedStatuses, DateTimeOffset cutoff, RetentionReport report, long? runId)
{
    /// <summary>The iTop class deleted.</summary>
    public const string ClassName = "UserRequest";

    private static readonly string[] Fields = ["id", "ref", "status", "close_date", "last_update"];
    private readonly ITopTimeZone _zone = new(academy.TimeZone);
    // Tickets whose outcome this run has already reported: a batch that fails later counts only the others as failed.
    private readonly HashSet<long> _settled = [];
    private int _batch;

    /// <summary>The fault point of a write boundary (<c>retention.after-itop-write</c>, …).</summary>
    public static string FaultPoint(string boundary) => WriteBoundaries.Of(RetentionRunner.Actor, boundary);

    /// <summary>The key of one deletion: the ticket and the close date it was decided on.</summary>
    public static string Key(long itopId, DateTime closeLocal) =>
        $"retention:delete:{itopId}:{closeLocal.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";

    /// <summary>Reads and decides like a live run, asks iTop to simulate each batch's deletion; returns the ids that would be deleted.</summary>
    public async Task<IReadOnlyList<long>> DryRunAsync(IReadOnlyList<RetainedTicket> due, CancellationToken cancellationToken)
    {
        var deletable = new List<long>();
        foreach (var batch in due.Chunk(settings.DeleteBatchSize))
        {
            var eligible = await DecideAsync(batch, dryRun: true, cancellationToken);
            if (eligible.Count == 0) continue;
            try
            {
                // simulate=true: iTop checks the right to delete and lists what it would delete, and deletes nothing.
                var simulated = await academy.ITop.DeleteAsync(ClassName, ITopKey.Query(GuardQuery(eligible)), Comment(), simulate: true, cancellationToken);
                var listed = DeletedIds(simulated);
                foreach (var (ticket, current) in eligible)
                {
                    var ok = listed.Contains(ticket.ITopId);
                    await RecordAsync(ticket, current, "dry-run", ok ? "past_retention" : "not_deleted_by_itop", null, cancellationToken);
                    Report(ticket, "dry-run", ok ? "past_retention" : "not_deleted_by_itop", ok ? "would_delete" : "skipped.not_deleted_by_itop");
                    if (ok) deletable.Add(ticket.ITopId);
                }
            }
            catch (ITopException refused)
            {
                foreach (var (ticket, current) in eligible)
                {
                    var reason = refused.Code == ITopErrorCodes.Unauthorized ? "delete_not_permitted" : "itop_refused";
                    await RecordAsync(ticket, current, "dry-run", reason, null, cancellationToken, refused.Code, refused.ITopMessage);
                    Report(ticket, "dry-run", reason, $"skipped.{reason}");
                }
            }
        }
        return deletable;
    }

    /// <summary>Deletes the tickets (already limited to the dry run's selection and the per-run maximum).</summary>
    public async Task LiveAsync(IReadOnlyList<RetainedTicket> tickets, long selectionId, CancellationToken cancellationToken)
    {
        foreach (var batch in tickets.Chunk(settings.DeleteBatchSize))
        {
            try
            {
                await DeleteBatchAsync(batch, selectionId, cancellationToken);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                // Reads failed, or the delete's answer was lost: decisions stay unsettled and the next run reconciles them.
                // Tickets already skipped, failed or done in this batch keep that outcome; only the others failed.
                logger.LogError(error, "retention {Academy}: a deletion batch failed", academy.Id);
                var unsettled = batch.Where(t => !_settled.Contains(t.ITopId)).ToList();
                if (unsettled.Count == 0) continue;
                foreach (var ticket in unsettled)
                    Report(ticket, "failed", error is ITopOutcomeUnknownException ? "outcome_unknown" : "error", "failed");
                await audit.RecordAsync(new AuditEntry(academy.Id, RetentionRunner.Actor, "delete", ClassName, null, null, "failed", "batch_failed")
                {
                    After = new { tickets = unsettled.Select(t => t.ITopId).ToArray() },
                    ITopMessage = error.Message,
                    JobRunId = runId,
                }, CancellationToken.None);
            }
        }
    }

    /// <summary>Settles the deletions a crash (or a lost answer) left as bare decisions: a ticket iTop no longer has was deleted.</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        foreach (var decision in await audit.UnsettledDecisionsAsync(academy.Id, RetentionRunner.Actor, "delete", cancellationToken))
        {
            var entry = decision.Entry;
            var id = entry.ITopKey!.Value;
            bool present;
            try
            {
                present = (await academy.ITop.GetAsync(new ITopGetRequest(ClassName, ITopKey.Id(id), ["id"]), cancellationToken)).Objects.Count > 0;
            }
            catch (Exception error) when (error is ITopException or ITopTransportException or ITopFormatException or ITopOutcomeUnknownException)
            {
                report.Add(new TicketOutcome(entry.TicketRef ?? "", id, "delete", "failed", "reconcile_failed", null), "failed");
                continue;
            }
            if (present)
            {
                await audit.RecordAsync(entry with { Outcome = "abandoned", Reason = "still_in_itop", JobRunId = runId }, cancellationToken);
                report.Add(new TicketOutcome(entry.TicketRef ?? "", id, "delete", "abandoned", "still_in_itop", null), "abandoned");
                continue;
            }
            await store.MarkDeletedInITopAsync(academy.Id, id, time.GetUtcNow(), cancellationToken);
            await audit.RecordAsync(entry with
            {
                Outcome = "done", Reason = "reconciled", IdempotencyKey = entry.IdempotencyKey + ":done", JobRunId = runId, ITopCode = 0,
                ITopMessage = $"decision {decision.Id}: the ticket is no longer in iTop",
            }, cancellationToken);
            report.Add(new TicketOutcome(entry.TicketRef ?? "", id, "delete", "done", "reconciled", null), "reconciled");
        }
    }

    private async Task DeleteBatchAsync(RetainedTicket[] batch, long selectionId, CancellationToken cancellationToken)
    {
        var eligible = await DecideAsync(batch, dryRun: false, cancellationToken);
        if (eligible.Count == 0) return;

        // No check for an earlier deletion here: a ticket marked deleted in the copy is never due (FindDueAsync), and its
        // done row is written only after that mark.
        var keys = new Dictionary<long, string>();
        foreach (var (ticket, current) in eligible)
        {
            var key = Key(ticket.ITopId, current.GetLocalDateTime("close_date")!.Value);
            await RecordAsync(ticket, current, "decided", "past_retention", key, cancellationToken, selection: selectionId);
            keys[ticket.ITopId] = key;
        }

        // Just before deleting: the same tickets read again; any change in status, close date or last update is a skip.
        var fresh = await ReadAsync(keys.Keys.ToList(), cancellationToken);
        var confirmed = new List<(RetainedTicket Ticket, ITopObject Current)>();
        foreach (var (ticket, current) in eligible)
        {
            var again = fresh.GetValueOrDefault(ticket.ITopId);
            if (again is null || Fingerprint(again) != Fingerprint(current))
            {
                await RecordAsync(ticket, again, "skipped", "changed_since_decision", keys[ticket.ITopId], cancellationToken);
                Report(ticket, "skipped", "changed_since_decision", "skipped.changed_since_decision");
            }
            else confirmed.Add((ticket, again));
        }
        if (confirmed.Count == 0) return;

        faults.Reach(FaultPoint(WriteBoundaries.BeforeITopWrite));
        ITopDeleteResult result;
        try
        {
            result = await academy.ITop.DeleteAsync(ClassName, ITopKey.Query(GuardQuery(confirmed)), Comment(), simulate: false, cancellationToken);
        }
        catch (ITopException refused)
        {
            // iTop answered and deleted nothing: the failure carries each decision's key and settles it.
            foreach (var (ticket, current) in confirmed)
            {
                await RecordAsync(ticket, current, "failed", refused.Code == ITopErrorCodes.Unauthorized ? "delete_not_permitted" : "itop_refused",
                    keys[ticket.ITopId], cancellationToken, refused.Code, refused.ITopMessage);
                Report(ticket, "failed", "itop_refused", "failed");
            }
            return;
        }
        faults.Reach(FaultPoint(WriteBoundaries.AfterITopWrite));

        var deleted = DeletedIds(result);
        foreach (var (ticket, current) in confirmed)
        {
            var key = keys[ticket.ITopId];
            if (!deleted.Contains(ticket.ITopId))
            {
                await RecordAsync(ticket, current, "failed", "not_deleted_by_itop", key, cancellationToken, ITopErrorCodes.Ok, result.Objects.Count + " objects deleted");
                Report(ticket, "failed", "not_deleted_by_itop", "failed");
                continue;
            }
            // Marked before the done row: a crash between the two leaves the decision open and reconciliation marks it again.
            await store.MarkDeletedInITopAsync(academy.Id, ticket.ITopId, time.GetUtcNow(), cancellationToken);
            await RecordAsync(ticket, current, "done", "past_retention", key + ":done", cancellationToken, ITopErrorCodes.Ok, "deleted");
            Report(ticket, "done", "past_retention", "deleted_in_itop");
        }
        faults.Reach(FaultPoint(WriteBoundaries.AfterAudit));
    }

    /// <summary>Reads a batch from iTop and keeps the tickets that may be deleted; the others are skipped with their reason.</summary>
    private async Task<List<(RetainedTicket Ticket, ITopObject Current)>> DecideAsync(IReadOnlyList<RetainedTicket> batch, bool dryRun,
        CancellationToken cancellationToken)
    {
        var current = await ReadAsync(batch.Select(t => t.ITopId).ToList(), cancellationToken);
        var eligible = new List<(RetainedTicket, ITopObject)>();
        foreach (var ticket in batch)
        {
            var found = current.GetValueOrDefault(ticket.ITopId);
            var reason = SkipReason(ticket, found);
            if (reason is null)
            {
                eligible.Add((ticket, found!));
                continue;
            }
            await RecordAsync(ticket, found, dryRun ? "dry-run" : "skipped", reason, null, cancellationToken);
            Report(ticket, dryRun ? "dry-run" : "skipped", reason, $"skipped.{reason}");
        }
        return eligible;
    }

    /// <summary>Why iTop's ticket must not be deleted, or null: it is closed, its close date is past the cutoff and equals the copy's.</summary>
    internal string? SkipReason(RetainedTicket synced, ITopObject? current)
    {
        if (current is null) return "not_found";
        if (current.GetString("status") is not { } status || !closedStatuses.Contains(status)) return "not_closed";
        if (current.GetLocalDateTime("close_date") is not { } closeLocal) return "no_close_date";
        var closedAt = _zone.ToInstant(closeLocal);
        if (closedAt > cutoff) return "not_past_period";
        if (closedAt != synced.CloseDate) return "close_date_mismatch";
        return null;
    }

    private async Task<Dictionary<long, ITopObject>> ReadAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var query = Oql.Select(ClassName).WhereIn("id", ids.Cast<object>()).Build();
        var result = await academy.ITop.GetAsync(new ITopGetRequest(ClassName, ITopKey.Query(query), Fields), cancellationToken);
        return result.Objects.ToDictionary(o => o.Key);
    }

    // The delete's key repeats every condition: iTop evaluates it at the moment of deleting.
    private OqlQuery GuardQuery(IEnumerable<(RetainedTicket Ticket, ITopObject Current)> tickets) =>
        Oql.Select(ClassName)
            .WhereIn("id", tickets.Select(t => (object)t.Ticket.ITopId))
            .WhereIn("status", closedStatuses)
            .Where("close_date", "<=", _zone.ToITop(cutoff))
            .Build();

    private string Comment() =>
        $"Connecteur Amigo (retention) : suppression des demandes fermées depuis plus de {settings.RetentionMonths} mois (durée de conservation) "
        + ITopChangeHistory.Marker($"retention:delete-batch:{runId?.ToString(CultureInfo.InvariantCulture) ?? "-"}:{++_batch}");

    private static HashSet<long> DeletedIds(ITopDeleteResult result) =>
        result.Objects.Where(o => o.ClassName == ClassName).Select(o => o.Key).ToHashSet();

    private static string Fingerprint(ITopObject ticket) =>
        $"{ticket.GetString("status")}|{ticket.GetString("close_date")}|{ticket.GetString("last_update")}";

    private void Report(RetainedTicket ticket, string outcome, string reason, string count)
    {
        report.Add(new TicketOutcome(ticket.Ref, ticket.ITopId, "delete", outcome, reason, ticket.CloseDate), count);
        _settled.Add(ticket.ITopId);
    }

    private Task RecordAsync(RetainedTicket ticket, ITopObject? current, string outcome, string reason, string? key, CancellationToken cancellationToken,
        int? itopCode = null, string? itopMessage = null, long? selection = null) =>
        audit.RecordAsync(new AuditEntry(academy.Id, RetentionRunner.Actor, "delete", ClassName, ticket.ITopId, ticket.Ref, outcome, reason)
        {
            Before = current is null ? null : new { status = current.GetString("status"), close_date = current.GetString("close_date"), last_update = current.GetString("last_update") },
            After = new { cutoff, synced_close_date = ticket.CloseDate, selection_id = selection },
            IdempotencyKey = key,
            ITopCode = itopCode,
            ITopMessage = itopMessage,
            JobRunId = runId,
        }, cancellationToken);
}
