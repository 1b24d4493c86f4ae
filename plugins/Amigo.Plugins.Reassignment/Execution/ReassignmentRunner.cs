namespace Amigo.Plugins.Reassignment.Execution;

/// <summary>
/// One reassignment pass over an academy: finish interrupted transfers, then evaluate the rules on every candidate,
/// re-read each matched ticket from iTop, apply the safety guards and move it.
/// </summary>
public sealed class ReassignmentRunner(
    ICandidateSource candidates,
    IMoveStore moves,
    IAuditLog audit,
    IAcademyRegistry academies,
    RuleEvaluator rules,
    TeamDispatcher dispatcher,
    CrossInstanceTransfer transfers,
    TimeProvider time)
{
    /// <summary>Runs the pass; nothing is written to iTop (nor to the moves table) when <paramref name="dryRun"/>.</summary>
    public async Task<ReassignmentReport> RunAsync(AcademyContext academy, bool dryRun, long? runId, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var settings = academy.GetValidatedPluginSettings<ReassignmentSettings>(ReassignmentPlugin.PluginId);

        var context = new MoveContext(academy, settings, dryRun, runId, new ReassignmentReport());
        if (!dryRun)
            foreach (var settled in await dispatcher.ReconcileAsync(context, cancellationToken))
            {
                var entry = settled.Decision.Entry;
                context.Report.Add(new ReassignmentDecision
                {
                    TicketId = entry.ITopKey ?? 0, TicketRef = entry.TicketRef ?? "", Action = MoveKinds.Dispatch,
                    Outcome = settled.Result switch { ReconciledAs.Done => "reconciled", ReconciledAs.Abandoned => "abandoned", _ => "failed" },
                    Reason = settled.Result == ReconciledAs.Unknown ? "reconcile_failed" : "reconciled", Note = settled.Error,
                });
            }

        foreach (var unfinished in await moves.UnfinishedTransfersAsync(academy.Id, cancellationToken))
        {
            context.Resumed.Add(unfinished.TicketId);
            await transfers.ResumeAsync(context, unfinished, cancellationToken);
        }

        var movesLeft = settings.MaxMovesPerRun;
        long seen = 0;
        await foreach (var synced in candidates.CandidatesAsync(academy.Id, settings.CandidateStatusGroups, cancellationToken))
        {
            seen++;
            context.Report.Count("candidates");
            if (seen % 100 == 0) progress?.Report(new JobProgress("reassign", seen, null));
            var establishment = rules.Establishment(synced, settings);
            if (establishment.IsInvalid) await ReportInvalidUaiAsync(context, synced, establishment, cancellationToken);

            if (context.Resumed.Contains(synced.Id)) continue;

            var lastMove = await moves.LastMoveAtAsync(academy.Id, synced.Id, cancellationToken);
            if (rules.FirstMatch(WithLastMove(synced, lastMove), settings, academy.Lifecycle) is null) continue;

            // The synced copy may be stale: decide on what iTop says now.
            var fresh = await ITopTickets.ReadAsync(academy, synced.Id, ITopTickets.DecisionFields(academy), cancellationToken);
            if (fresh is null)
            {
                context.Report.Add(Skip(synced, null, "gone_from_itop"));
                continue;
            }
            var ticket = WithLastMove(ITopTickets.ToFacts(academy, fresh, synced.EstablishmentUai), lastMove);
            if (!settings.CandidateStatusGroups.Contains(academy.Lifecycle.GroupOf(ticket.Status)))
            {
                context.Report.Add(Skip(ticket, null, "status_changed"));
                continue;
            }
            var match = rules.FirstMatch(ticket, settings, academy.Lifecycle);
            if (match is null)
            {
                context.Report.Add(Skip(ticket, null, "no_longer_matches"));
                continue;
            }
            if (movesLeft <= 0)
            {
                context.Report.Add(Skip(ticket, match.Rule.Name, "max_moves_per_run"));
                continue;
            }
            if (await MoveAsync(context, ticket, match, cancellationToken)) movesLeft--;
        }
        progress?.Report(new JobProgress("reassign", seen, seen));
        return context.Report;
    }

    private async Task<bool> MoveAsync(MoveContext context, TicketFacts ticket, RuleMatch match, CancellationToken cancellationToken)
    {
        var academy = context.Academy;
        var rule = match.Rule;
        var transfer = rule.IsTransferFrom(academy.Id);
        var target = transfer ? academies.Find(rule.TransferToAcademy!.Trim()) : academy;
        if (target is null)
        {
            context.Report.Add(Skip(ticket, rule.Name, "unknown_target_academy") with { Outcome = "failed" });
            return false;
        }
        var directory = transfer ? TeamsOf(context, target) : context.Teams;
        var team = await directory.FindAsync(rule.TargetTeam, cancellationToken);
        if (team is null)
        {
            await audit.RecordAsync(new AuditEntry(academy.Id, MoveContext.Actor, transfer ? "transfer" : "dispatch", ITopTickets.UserRequest,
                ticket.Id, ticket.Ref, "failed", $"rule '{rule.Name}': team '{rule.TargetTeam}' not found in iTop '{target.Id}'") { JobRunId = context.RunId },
                cancellationToken);
            context.Report.Add(Skip(ticket, rule.Name, "team_not_found") with { Outcome = "failed" });
            return false;
        }

        if (!transfer && ticket.TeamId == team.Id)
        {
            context.Report.Add(Skip(ticket, rule.Name, "already_in_target"));
            return false;
        }
        if (ticket.AgentId is not null && !rule.AllowAssigned)
        {
            context.Report.Add(Skip(ticket, rule.Name, "agent_assigned"));
            return false;
        }
        var windowStart = time.GetUtcNow() - context.Settings.MoveWindow;
        if (!transfer && await moves.HasMoveByRuleSinceAsync(academy.Id, ticket.Id, rule.Name, windowStart, cancellationToken))
        {
            context.Report.Add(Skip(ticket, rule.Name, "moved_within_window"));
            return false;
        }
        if (!transfer && await moves.HasMovedAwayFromAsync(academy.Id, ticket.Id, team.Id, cancellationToken))
        {
            context.Report.Add(Skip(ticket, rule.Name, "ping_pong"));
            return false;
        }

        var establishmentAcademy = match.Establishment.AcademyId is { } id ? academies.Find(id) : null;
        var motive = FrenchNotes.Motive(match.Establishment, establishmentAcademy is null ? null : FrenchNotes.AcademyName(establishmentAcademy.Id, establishmentAcademy.DisplayName));
        if (transfer)
            await transfers.StartAsync(context, ticket, rule, target, team, motive, cancellationToken);
        else
            await dispatcher.DispatchAsync(context, ticket, rule, team, motive, cancellationToken);
        return true;
    }

    private async Task ReportInvalidUaiAsync(MoveContext context, TicketFacts ticket, EstablishmentInfo establishment, CancellationToken cancellationToken)
    {
        context.Report.Count("uai.invalid." + establishment.ProblemCode);
        if (establishment.RoutedUnchecked) context.Report.Count("uai.routed_unchecked");
        var key = $"reassign-uai-{context.Academy.Id}-{ticket.Id}-{establishment.Input?.Trim().ToUpperInvariant()}";
        var routed = establishment.RoutedUnchecked ? $"routed by département {establishment.Departement}" : "not routed";
        context.Report.Add(new ReassignmentDecision
        {
            TicketId = ticket.Id, TicketRef = ticket.Ref, Action = "report", Outcome = "reported", Reason = "uai_" + establishment.ProblemCode,
            FromTeam = ticket.TeamName, Note = $"{establishment.Reason}; {routed}",
        });
        // Reported once per ticket and code, not at every run; a dry run reports without recording.
        if (context.DryRun || await audit.FindByIdempotencyKeyAsync(context.Academy.Id, key, cancellationToken) is not null) return;
        await audit.RecordAsync(new AuditEntry(context.Academy.Id, MoveContext.Actor, "uai.invalid", ITopTickets.UserRequest, ticket.Id, ticket.Ref,
            establishment.RoutedUnchecked ? "decided" : "skipped", $"{establishment.Reason}; {routed}")
        {
            Before = new { establishment_uai = establishment.Input, problem = establishment.ProblemCode },
            IdempotencyKey = key, JobRunId = context.RunId,
        }, cancellationToken);
    }

    private static TeamDirectory TeamsOf(MoveContext context, AcademyContext target)
    {
        if (!context.OtherTeams.TryGetValue(target.Id, out var directory))
            context.OtherTeams[target.Id] = directory = new TeamDirectory(target.ITop);
        return directory;
    }

    private static TicketFacts WithLastMove(TicketFacts ticket, DateTimeOffset? lastMove) =>
        lastMove is { } moved && (ticket.DispatchedAt is null || moved > ticket.DispatchedAt) ? ticket with { DispatchedAt = moved } : ticket;

    private static ReassignmentDecision Skip(TicketFacts ticket, string? rule, string reason) => new()
    {
        TicketId = ticket.Id, TicketRef = ticket.Ref, Rule = rule, Action = "none", Outcome = "skipped", Reason = reason, FromTeam = ticket.TeamName,
    };
}
