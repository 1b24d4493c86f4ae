namespace Amigo.Plugins.AutoClose.Running;

/// <summary>
/// One auto-close run for one academy. Order of safety: candidates from the synced copy → fresh read from
/// iTop → decision recorded in the audit log under an idempotency key → read again → write only if status
/// and last update are unchanged → outcome recorded. One ticket's failure never stops the others. A decision a crash
/// left without its outcome is settled first, from iTop's change history (<see cref="DecisionReconciler"/>).
/// </summary>
public sealed class AutoCloseRunner
{
    /// <summary>The plugin id, also the audit actor.</summary>
    public const string Actor = AutoClosePlugin.PluginId;

    private static readonly string[] WrittenOutputFields = ["id", "ref", "status", "close_date", "last_update"];

    private readonly AcademyContext _academy;
    private readonly IAutoCloseStore _store;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IFaultPoints _faults;

    /// <summary>Creates a run for one academy; <paramref name="faults"/> is the fault suite's hook (none in production).</summary>
    public AutoCloseRunner(AcademyContext academy, IAutoCloseStore store, IAuditLog audit, TimeProvider time, ILogger logger, IFaultPoints? faults = null)
    {
        (_academy, _store, _audit, _time, _logger) = (academy, store, audit, time, logger);
        _faults = faults ?? EnvironmentFaultPoints.None;
    }

    /// <summary>The fault point of a write boundary of this plugin (<c>autoclose.after-itop-write</c>, …).</summary>
    public static string FaultPoint(string boundary) => WriteBoundaries.Of(Actor, boundary);

    /// <summary>Runs. Throws <see cref="PluginSettingsException"/> before any read when the settings are invalid.</summary>
    public async Task<AutoCloseReport> RunAsync(AutoCloseRunOptions options, CancellationToken cancellationToken)
    {
        var settings = _academy.GetValidatedPluginSettings<AutoCloseSettings>(AutoClosePlugin.PluginId);
        var policy = AutoClosePolicy.Create(_academy, settings);
        var report = new AutoCloseReport { DryRun = options.DryRun };

        if (!options.DryRun) await ReconcileAsync(report, options, cancellationToken);

        var now = _time.GetUtcNow();
        var candidates = await _store.FindCandidatesAsync(_academy.Id, policy.ResolvedStatuses, policy.ResolvedNoLaterThan(now), cancellationToken);
        var due = new List<CandidateTicket>();
        var reminders = new List<CandidateTicket>();
        foreach (var candidate in candidates)
        {
            var dueAt = policy.DueAt(candidate.ResolutionDate);
            if (now >= dueAt) due.Add(candidate);
            else if (policy.RemindAt(dueAt) is { } remindAt && now >= remindAt) reminders.Add(candidate);
        }
        report.Count("candidates", due.Count + reminders.Count);
        _logger.LogInformation("autoclose {Academy}: {Due} due, {Reminders} in the reminder window ({DryRun})",
            _academy.Id, due.Count, reminders.Count, options.DryRun ? "dry run" : "live");

        var run = new Run(this, policy, options, report, now);
        await run.CloseAsync(due, cancellationToken);
        await run.RemindAsync(reminders, cancellationToken);
        return report;
    }

    // Closings and reminders a crash left as bare decisions: iTop's change history says whether each was written.
    private async Task ReconcileAsync(AutoCloseReport report, AutoCloseRunOptions options, CancellationToken cancellationToken)
    {
        var reconciler = new DecisionReconciler(_audit);
        foreach (var action in (string[])["close", "remind"])
        {
            var settled = await reconciler.ReconcileAsync(_academy.Id, Actor, action, _academy.ITop, options.RunId,
                action == "close" ? (decision, token) => _store.MarkClosedByConnectorAsync(_academy.Id, decision.Entry.ITopKey!.Value, token) : null,
                cancellationToken);
            foreach (var item in settled)
            {
                var entry = item.Decision.Entry;
                var (outcome, count) = item.Result switch
                {
                    ReconciledAs.Done => ("done", "reconciled"),
                    ReconciledAs.Abandoned => ("abandoned", "abandoned"),
                    _ => ("failed", "failed"),
                };
                report.Add(new DecisionReport(entry.TicketRef ?? "", entry.ITopKey ?? 0, action, outcome, item.Result == ReconciledAs.Unknown ? "reconcile_failed" : "reconciled",
                    null, item.Error), count);
                if (item.Result == ReconciledAs.Unknown)
                    _logger.LogWarning("autoclose {Academy}: decision {Id} on {Ref} not reconciled: {Error}", _academy.Id, item.Decision.Id, entry.TicketRef, item.Error);
            }
        }
    }

    /// <summary>The state of one run.</summary>
    private sealed class Run(AutoCloseRunner owner, AutoClosePolicy policy, AutoCloseRunOptions options, AutoCloseReport report, DateTimeOffset now)
    {
        private readonly AutoCloseDecider _decider = new(policy);
        private readonly TicketReader _reader = new(owner._academy.ITop);
        private int _writes;
        private long _done;

        private string AcademyId => owner._academy.Id;
        private int Limit => policy.Settings.MaxClosingsPerRun;

        public async Task CloseAsync(IReadOnlyList<CandidateTicket> due, CancellationToken cancellationToken)
        {
            for (var start = 0; start < due.Count; start += TicketReader.BatchSize)
            {
                if (_writes >= Limit)
                {
                    Defer(due.Skip(start), "close");
                    return;
                }
                var batch = due.Skip(start).Take(TicketReader.BatchSize).ToList();
                var current = await ReadBatchAsync(batch, "close", cancellationToken);
                if (current is null) continue;
                for (var index = 0; index < batch.Count; index++)
                {
                    if (_writes >= Limit)
                    {
                        Defer(batch.Skip(index), "close");
                        Defer(due.Skip(start + batch.Count), "close");
                        return;
                    }
                    await Guarded(batch[index], "close", () => CloseOneAsync(batch[index], current.GetValueOrDefault(batch[index].ITopId), cancellationToken), cancellationToken);
                }
            }
        }

        public async Task RemindAsync(IReadOnlyList<CandidateTicket> window, CancellationToken cancellationToken)
        {
            for (var start = 0; start < window.Count; start += TicketReader.BatchSize)
            {
                var batch = window.Skip(start).Take(TicketReader.BatchSize).ToList();
                var current = await ReadBatchAsync(batch, "remind", cancellationToken);
                if (current is null) continue;
                foreach (var candidate in batch)
                    await Guarded(candidate, "remind", () => RemindOneAsync(candidate, current.GetValueOrDefault(candidate.ITopId), cancellationToken), cancellationToken);
            }
        }

        private async Task CloseOneAsync(CandidateTicket synced, TicketSnapshot? current, CancellationToken cancellationToken)
        {
            var decision = _decider.Decide(synced, current, now);
            if (decision.Kind == DecisionKind.Wait)
            {
                report.Count("not_due");
                return;
            }
            if (decision.Kind != DecisionKind.Close)
            {
                // A ticket due by the synced date can only be in the reminder window when iTop's date moved: not ours to remind now.
                var reason = decision.Kind == DecisionKind.Skip ? decision.Reason : SkipReasons.Reopened;
                await SkipAsync(synced, current, "close", reason, decision, cancellationToken);
                return;
            }

            var ticket = current!;
            var key = IdempotencyKeys.Close(ticket);
            if (await owner._audit.FindByIdempotencyKeyAsync(AcademyId, IdempotencyKeys.Done(key), cancellationToken) is not null)
            {
                await SkipAsync(synced, ticket, "close", SkipReasons.AlreadyClosedByConnector, decision, cancellationToken);
                return;
            }

            var note = RenderNote(policy.Settings.NoteTemplate, ticket, decision);
            var fields = BuildCloseFields(note, key);
            var comment = $"Connecteur Amigo (autoclose) : clôture automatique {policy.Settings.DelayDays} {Unit()} après la résolution {ITopChangeHistory.Marker(key)}";
            var intent = new
            {
                due_at = decision.DueAt,
                resolved_at = decision.ResolvedAt,
                stimulus = policy.Close.Stimulus,
                fields = policy.Settings.CloseFields,
                note,
                comment,
            };

            if (options.DryRun)
            {
                _writes++;
                await RecordAsync("close", ticket.ITopId, ticket.Ref, "dry-run", decision.Reason, ticket.Fingerprint, intent, cancellationToken);
                report.Add(new DecisionReport(ticket.Ref, ticket.ITopId, "close", "dry-run", decision.Reason, decision.DueAt, note), "would_close");
                return;
            }

            // The decision is on record before anything is written: a crash from here on leaves a decision
            // without an outcome, and the next run decides again from iTop's state.
            await RecordAsync("close", ticket.ITopId, ticket.Ref, "decided", decision.Reason, ticket.Fingerprint, intent, cancellationToken, key);
            _writes++;

            var fresh = await _reader.ReadOneAsync(ticket.ITopId, cancellationToken);
            if (fresh is null || fresh.Status != ticket.Status || fresh.LastUpdate != ticket.LastUpdate)
            {
                var detail = fresh is null
                    ? "the ticket vanished"
                    : $"status '{ticket.Status}' → '{fresh.Status}', last_update '{ticket.LastUpdate}' → '{fresh.LastUpdate}'";
                await SkipAsync(synced, fresh, "close", SkipReasons.ChangedSinceDecision, decision with { Detail = detail }, cancellationToken, dedupe: false, settles: key);
                return;
            }

            owner._faults.Reach(FaultPoint(WriteBoundaries.BeforeITopWrite));
            ITopObject written;
            try
            {
                written = await owner._academy.ITop.ApplyStimulusAsync(
                    new ITopStimulus(TicketSnapshot.ClassName, ITopKey.Id(ticket.ITopId), policy.Close.Stimulus, fields, comment, WrittenOutputFields),
                    cancellationToken);
            }
            catch (ITopException error)
            {
                await FailAsync(ticket, "close", decision, error.Message, error.Code, error.ITopMessage, cancellationToken, key);
                return;
            }
            owner._faults.Reach(FaultPoint(WriteBoundaries.AfterITopWrite));

            var status = written.GetString("status");
            if (status is null || policy.ResolvedStatuses.Contains(status))
            {
                await FailAsync(ticket, "close", decision, $"iTop answered but the status is still '{status}'", 0, null, cancellationToken, key);
                return;
            }

            // Flagged before the done row: a crash between the two leaves the decision open, and the next run's
            // reconciliation sets the flag again; the other order could leave a done row with reports blind to it.
            try
            {
                await owner._store.MarkClosedByConnectorAsync(AcademyId, ticket.ITopId, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // iTop is the system of record and is closed; the flag only helps reporting until the next sync.
                owner._logger.LogWarning(error, "autoclose {Academy}: {Ref} closed but not flagged in the database", AcademyId, ticket.Ref);
            }
            await RecordAsync("close", ticket.ITopId, ticket.Ref, "done", decision.Reason, ticket.Fingerprint,
                new { status, close_date = written.GetString("close_date"), last_update = written.GetString("last_update"), due_at = decision.DueAt, note },
                cancellationToken, IdempotencyKeys.Done(key), ITopErrorCodes.Ok, $"{policy.Close.Stimulus} applied: status '{status}'");
            owner._faults.Reach(FaultPoint(WriteBoundaries.AfterAudit));
            report.Add(new DecisionReport(ticket.Ref, ticket.ITopId, "close", "done", decision.Reason, decision.DueAt, note), "closed");
            Progress("closing");
        }

        private async Task RemindOneAsync(CandidateTicket synced, TicketSnapshot? current, CancellationToken cancellationToken)
        {
            var decision = _decider.Decide(synced, current, now);
            if (decision.Kind == DecisionKind.Wait)
            {
                report.Count("not_due");
                return;
            }
            if (decision.Kind == DecisionKind.Skip)
            {
                await SkipAsync(synced, current, "remind", decision.Reason, decision, cancellationToken);
                return;
            }
            if (decision.Kind == DecisionKind.Close)
            {
                // Became due between the database query and now: the next run closes it.
                report.Count("not_due");
                return;
            }

            var ticket = current!;
            var key = IdempotencyKeys.Remind(ticket);
            var text = RenderNote(policy.Settings.ReminderTemplate, ticket, decision)!;
            if (await owner._audit.FindByIdempotencyKeyAsync(AcademyId, IdempotencyKeys.Done(key), cancellationToken) is not null)
            {
                report.Count($"skipped.{SkipReasons.ReminderAlreadySent}");
                return;
            }
            // A crash after the write but before the audit must not make the reminder appear twice: the journal tells.
            if (ticket.PublicLog.Any(entry => policy.IsConnectorAuthor(entry.UserLogin) && entry.Message.Trim() == text))
            {
                await RecordAsync("remind", ticket.ITopId, ticket.Ref, "done", "found_in_journal", ticket.Fingerprint,
                    new { due_at = decision.DueAt, remind_at = decision.RemindAt, text }, cancellationToken, IdempotencyKeys.Done(key));
                report.Count($"skipped.{SkipReasons.ReminderAlreadySent}");
                return;
            }

            var comment = $"Connecteur Amigo (autoclose) : rappel avant clôture automatique {ITopChangeHistory.Marker(key)}";
            var intent = new { due_at = decision.DueAt, remind_at = decision.RemindAt, text, comment };
            if (options.DryRun)
            {
                await RecordAsync("remind", ticket.ITopId, ticket.Ref, "dry-run", decision.Reason, ticket.Fingerprint, intent, cancellationToken);
                report.Add(new DecisionReport(ticket.Ref, ticket.ITopId, "remind", "dry-run", decision.Reason, decision.DueAt, text), "would_remind");
                return;
            }

            await RecordAsync("remind", ticket.ITopId, ticket.Ref, "decided", decision.Reason, ticket.Fingerprint, intent, cancellationToken, key);
            try
            {
                await owner._academy.ITop.UpdateAsync(new ITopWrite(TicketSnapshot.ClassName, ITopKey.Id(ticket.ITopId),
                    new ITopFields().AppendToLog("public_log", text)
                        .AppendToLog(ITopChangeHistory.JournalAttribute, ITopChangeHistory.JournalLine("Rappel avant clôture automatique", key)),
                    comment, ["id", "last_update"]), cancellationToken);
            }
            catch (ITopException error)
            {
                await FailAsync(ticket, "remind", decision, error.Message, error.Code, error.ITopMessage, cancellationToken, key);
                return;
            }
            await RecordAsync("remind", ticket.ITopId, ticket.Ref, "done", decision.Reason, ticket.Fingerprint, intent,
                cancellationToken, IdempotencyKeys.Done(key), ITopErrorCodes.Ok, "reminder appended to public_log");
            report.Add(new DecisionReport(ticket.Ref, ticket.ITopId, "remind", "done", decision.Reason, decision.DueAt, text), "reminded");
        }

        private async Task<IReadOnlyDictionary<long, TicketSnapshot>?> ReadBatchAsync(IReadOnlyList<CandidateTicket> batch, string action, CancellationToken cancellationToken)
        {
            try
            {
                return await _reader.ReadManyAsync(batch.Select(c => c.ITopId).ToList(), cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                owner._logger.LogError(error, "autoclose {Academy}: reading {Count} tickets from iTop failed", AcademyId, batch.Count);
                foreach (var candidate in batch)
                {
                    report.Add(new DecisionReport(candidate.Ref, candidate.ITopId, action, "failed", "read_failed", null, error.Message), "failed");
                }
                await TryRecordReadFailureAsync(batch, action, error, cancellationToken);
                return null;
            }
        }

        private async Task TryRecordReadFailureAsync(IReadOnlyList<CandidateTicket> batch, string action, Exception error, CancellationToken cancellationToken)
        {
            try
            {
                await owner._audit.RecordAsync(new AuditEntry(AcademyId, Actor, action, TicketSnapshot.ClassName, null, null, "failed", "read_failed")
                {
                    After = new { tickets = batch.Select(c => c.Ref).ToArray() },
                    ITopMessage = error.Message,
                    ITopCode = (error as ITopException)?.Code,
                    JobRunId = options.RunId,
                }, cancellationToken);
            }
            catch (Exception auditError) when (auditError is not OperationCanceledException)
            {
                owner._logger.LogError(auditError, "autoclose {Academy}: the read failure could not be audited", AcademyId);
            }
        }

        /// <summary>Runs one ticket's work; any failure is recorded and counted, and the batch goes on.</summary>
        private async Task Guarded(CandidateTicket candidate, string action, Func<Task> work, CancellationToken cancellationToken)
        {
            try
            {
                await work();
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                owner._logger.LogError(error, "autoclose {Academy}: {Action} of {Ref} failed", AcademyId, action, candidate.Ref);
                var reason = error is ITopOutcomeUnknownException ? "outcome_unknown" : "error";
                report.Add(new DecisionReport(candidate.Ref, candidate.ITopId, action, "failed", reason, null, error.Message), "failed");
                try
                {
                    await RecordAsync(action, candidate.ITopId, candidate.Ref, "failed", reason, null, null, cancellationToken,
                        itopCode: (error as ITopException)?.Code, itopMessage: error.Message);
                }
                catch (Exception auditError) when (auditError is not OperationCanceledException)
                {
                    owner._logger.LogError(auditError, "autoclose {Academy}: the failure of {Ref} could not be audited", AcademyId, candidate.Ref);
                }
            }
        }

        private async Task SkipAsync(CandidateTicket synced, TicketSnapshot? current, string action, string reason,
            AutoCloseDecision decision, CancellationToken cancellationToken, bool dedupe = true, string? settles = null)
        {
            var reference = current?.Ref ?? synced.Ref;
            report.Add(new DecisionReport(reference, synced.ITopId, action, "skipped", reason, decision.DueAt, decision.Detail), $"skipped.{reason}");
            var after = new { due_at = decision.DueAt, resolved_at = decision.ResolvedAt, detail = decision.Detail };
            if (options.DryRun)
            {
                await RecordAsync(action, synced.ITopId, reference, "dry-run", reason, current?.Fingerprint, after, cancellationToken);
                return;
            }
            // A ticket left resolved with a reply is seen again every run: record the skip once per ticket state.
            // A skip after a decision carries the decision's key: it settles it (nothing was written).
            string? key = settles;
            if (dedupe)
            {
                key = IdempotencyKeys.Skip(synced.ITopId, action, reason, current?.LastUpdate);
                if (await owner._audit.FindByIdempotencyKeyAsync(AcademyId, key, cancellationToken) is not null) return;
            }
            await RecordAsync(action, synced.ITopId, reference, "skipped", reason, current?.Fingerprint, after, cancellationToken, key);
        }

        // iTop refused the write (it answered, nothing changed): the failure carries the decision's key and settles it.
        private async Task FailAsync(TicketSnapshot ticket, string action, AutoCloseDecision decision, string message, int code, string? itopMessage,
            CancellationToken cancellationToken, string decisionKey)
        {
            owner._logger.LogWarning("autoclose {Academy}: {Action} of {Ref} refused: {Message}", AcademyId, action, ticket.Ref, message);
            await RecordAsync(action, ticket.ITopId, ticket.Ref, "failed", "itop_refused", ticket.Fingerprint, new { due_at = decision.DueAt },
                cancellationToken, decisionKey, itopCode: code, itopMessage: itopMessage ?? message);
            report.Add(new DecisionReport(ticket.Ref, ticket.ITopId, action, "failed", "itop_refused", decision.DueAt, message), "failed");
        }

        private Task RecordAsync(string action, long itopId, string reference, string outcome, string reason, object? before, object? after,
            CancellationToken cancellationToken, string? idempotencyKey = null, int? itopCode = null, string? itopMessage = null) =>
            owner._audit.RecordAsync(new AuditEntry(AcademyId, Actor, action, TicketSnapshot.ClassName, itopId, reference, outcome, reason)
            {
                Before = before,
                After = after,
                IdempotencyKey = idempotencyKey,
                ITopCode = itopCode,
                ITopMessage = itopMessage,
                JobRunId = options.RunId,
            }, cancellationToken);

        private void Defer(IEnumerable<CandidateTicket> rest, string action)
        {
            foreach (var candidate in rest)
                report.Add(new DecisionReport(candidate.Ref, candidate.ITopId, action, "deferred", "max_closings_per_run", null, null), "deferred");
        }

        private ITopFields BuildCloseFields(string? note, string key)
        {
            var fields = new ITopFields();
            foreach (var (attribute, value) in policy.Settings.CloseFields ?? [])
                fields.Set(attribute, value);
            if (note is not null)
                fields.AppendToLog("public_log", note);
            // The write's key in the agent journal: what the next run reads after a crash (ITopChangeHistory).
            fields.AppendToLog(ITopChangeHistory.JournalAttribute, ITopChangeHistory.JournalLine("Clôture automatique", key));
            return fields;
        }

        private string? RenderNote(string? template, TicketSnapshot ticket, AutoCloseDecision decision) =>
            NoteTemplates.Render(template, new NoteTemplates.Values(
                policy.Settings.DelayDays,
                policy.Settings.DayMode,
                ticket.Ref,
                policy.Calculator.ToLocal(decision.ResolvedAt!.Value),
                policy.Calculator.ToLocal(decision.DueAt!.Value)));

        private string Unit() => NoteTemplates.Render("{unit}", new NoteTemplates.Values(policy.Settings.DelayDays, policy.Settings.DayMode, "", default, default))!;

        private void Progress(string step) => options.Progress?.Report(new JobProgress(step, ++_done, null));
    }
}
