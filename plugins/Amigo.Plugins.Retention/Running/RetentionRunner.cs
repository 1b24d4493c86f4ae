namespace Amigo.Plugins.Retention.Running;

/// <summary>Options of one run.</summary>
/// <param name="DryRun">List and save the selection; write nothing to the copy or to iTop.</param>
/// <param name="RunId">The <c>job_runs</c> id, recorded in the audit entries.</param>
public sealed record RetentionRunOptions(bool DryRun, long? RunId = null);

/// <summary>
/// One retention run for one academy: closed tickets whose close date is older than the retention period lose their
/// personal data in the connector's copy; with <see cref="RetentionSettings.DeleteInITop"/>, the ones a recent dry run
/// listed are then deleted in iTop (<see cref="ITopDeletion"/>). Every run leaves an audit entry.
/// </summary>
public sealed class RetentionRunner(AcademyContext academy, RetentionStore store, IAuditLog audit, TimeProvider time, ILogger logger,
    IFaultPoints? faults = null)
{
    /// <summary>The audit actor.</summary>
    public const string Actor = RetentionPlugin.PluginId;

    /// <summary>Rows anonymised per statement (and per audit entry).</summary>
    public const int AnonymiseChunk = 1_000;

    /// <summary>Runs. Throws <see cref="PluginSettingsException"/> before any read when the settings are invalid.</summary>
    public async Task<RetentionReport> RunAsync(RetentionRunOptions options, CancellationToken cancellationToken)
    {
        var settings = academy.GetValidatedPluginSettings<RetentionSettings>(RetentionPlugin.PluginId);
        var closed = settings.EffectiveClosedStatuses(academy.Lifecycle);
        var now = time.GetUtcNow();
        var cutoff = Cutoff(now, settings.RetentionMonths, academy.TimeZone);
        var report = new RetentionReport { DryRun = options.DryRun, Cutoff = cutoff };
        var deletion = new ITopDeletion(academy, store, audit, time, logger, faults ?? EnvironmentFaultPoints.None, settings, closed, cutoff, report, options.RunId);

        if (!options.DryRun && settings.DeleteInITop) await deletion.ReconcileAsync(cancellationToken);

        var due = await store.FindDueAsync(academy.Id, closed, cutoff, settings.DeleteInITop, cancellationToken);
        var toAnonymise = due.Where(t => t.AnonymisedAt is null).ToList();
        report.Count("candidates", due.Count);
        logger.LogInformation("retention {Academy}: {Due} closed tickets past the cutoff {Cutoff:o}, {New} to anonymise ({Mode})",
            academy.Id, due.Count, cutoff, toAnonymise.Count, options.DryRun ? "dry run" : "live");

        if (options.DryRun)
        {
            foreach (var ticket in toAnonymise)
                report.Add(new TicketOutcome(ticket.Ref, ticket.ITopId, "anonymise", "dry-run", "past_retention", ticket.CloseDate), "would_anonymise");
            if (settings.DeleteInITop)
            {
                var deletable = await deletion.DryRunAsync(due, cancellationToken);
                report.SelectionId = await store.SaveSelectionAsync(academy.Id, options.RunId, now, cutoff, deletable, cancellationToken);
            }
        }
        else
        {
            await AnonymiseAsync(toAnonymise, cutoff, report, options.RunId, now, cancellationToken);
            if (settings.DeleteInITop) await DeleteAsync(settings, due, deletion, report, now, cancellationToken);
        }

        await audit.RecordAsync(new AuditEntry(academy.Id, Actor, "run", null, null, null, options.DryRun ? "dry-run" : "done", null)
        {
            After = new
            {
                cutoff,
                retention_months = settings.RetentionMonths,
                delete_in_itop = settings.DeleteInITop,
                selection_id = report.SelectionId,
                counts = report.Counts,
                note = report.DeletionNote,
            },
            JobRunId = options.RunId,
        }, cancellationToken);
        return report;
    }

    /// <summary>The instant before which (inclusive) a close date is past the period: now minus the months, on the academy's wall clock.</summary>
    public static DateTimeOffset Cutoff(DateTimeOffset now, int months, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime.AddMonths(-months);
        return new ITopTimeZone(zone).ToInstant(local);
    }

    private async Task AnonymiseAsync(IReadOnlyList<RetainedTicket> tickets, DateTimeOffset cutoff, RetentionReport report, long? runId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        foreach (var chunk in tickets.Chunk(AnonymiseChunk))
        {
            var done = (await store.AnonymiseAsync(academy.Id, chunk.Select(t => t.ITopId).ToList(), now, cancellationToken)).ToHashSet();
            foreach (var ticket in chunk.Where(t => done.Contains(t.ITopId)))
                report.Add(new TicketOutcome(ticket.Ref, ticket.ITopId, "anonymise", "done", "past_retention", ticket.CloseDate), "anonymised");
            // One entry per chunk: the tickets and what was removed, never the removed values themselves.
            await audit.RecordAsync(new AuditEntry(academy.Id, Actor, "anonymise", "UserRequest", null, null, "done", "past_retention")
            {
                After = new
                {
                    cutoff,
                    removed = new[] { "title", "caller_id", "caller_name", "caller_email", "agent_name", "beneficiary" },
                    tickets = chunk.Where(t => done.Contains(t.ITopId)).Select(t => new { id = t.ITopId, @ref = t.Ref, close_date = t.CloseDate }).ToArray(),
                },
                JobRunId = runId,
            }, cancellationToken);
        }
    }

    private async Task DeleteAsync(RetentionSettings settings, IReadOnlyList<RetainedTicket> due, ITopDeletion deletion, RetentionReport report,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (due.Count == 0) return;
        var selection = await store.LatestSelectionAsync(academy.Id, now.AddDays(-settings.DryRunValidDays), cancellationToken);
        if (selection is null)
        {
            report.DeletionNote = $"no dry run in the last {settings.DryRunValidDays} days: nothing deleted in iTop; run a dry run first";
            report.Count("deletion_needs_dry_run", due.Count);
            logger.LogWarning("retention {Academy}: {Note}", academy.Id, report.DeletionNote);
            return;
        }

        var listed = due.Where(t => selection.ITopIds.Contains(t.ITopId)).ToList();
        foreach (var ticket in due.Where(t => !selection.ITopIds.Contains(t.ITopId)))
            report.Add(new TicketOutcome(ticket.Ref, ticket.ITopId, "delete", "deferred", "not_in_dry_run", ticket.CloseDate), "deferred");
        foreach (var ticket in listed.Skip(settings.MaxDeletionsPerRun))
            report.Add(new TicketOutcome(ticket.Ref, ticket.ITopId, "delete", "deferred", "max_deletions_per_run", ticket.CloseDate), "deferred");
        await deletion.LiveAsync(listed.Take(settings.MaxDeletionsPerRun).ToList(), selection.Id, cancellationToken);
    }
}
