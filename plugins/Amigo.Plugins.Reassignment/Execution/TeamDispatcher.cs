namespace Amigo.Plugins.Reassignment.Execution;

/// <summary>
/// Moves a ticket to another team of the same iTop the way the academy's console would, with a note: the profile's
/// Dispatch/Redispatch stimulus (or, where Dispatch has no stimulus, a <c>core/update</c> of the team that keeps the
/// state); when the target state needs an agent (stock <c>assigned</c>), one of the new team's agents
/// (<see cref="TeamAgentPicker"/>), never a state the console would call incomplete.
/// The move is audited <c>decided</c> under a key (also in the call's comment) before the write and <c>key:done</c>
/// after it, so a crash in between is settled by <see cref="ReconcileAsync"/> from iTop's change history.
/// </summary>
public sealed class TeamDispatcher(IMoveStore moves, IAuditLog audit, TimeProvider time, ILogger<TeamDispatcher> logger, IFaultPoints? faults = null)
{
    private readonly IFaultPoints _faults = faults ?? EnvironmentFaultPoints.None;

    /// <summary>The fault point of a write boundary of a dispatch (<c>reassign.after-itop-write</c>, …).</summary>
    public static string FaultPoint(string boundary) => WriteBoundaries.Of(ReassignmentPlugin.PluginId, boundary);

    /// <summary>
    /// Settles the dispatches a crash left <c>decided</c>: written in iTop → the move is recorded (the ping-pong and
    /// window guards see it) and audited <c>done</c>; not written → <c>abandoned</c>.
    /// </summary>
    public Task<IReadOnlyList<ReconciledDecision>> ReconcileAsync(MoveContext context, CancellationToken cancellationToken) =>
        new DecisionReconciler(audit).ReconcileAsync(context.Academy.Id, MoveContext.Actor, "dispatch", context.Academy.ITop, context.RunId,
            (decision, token) => moves.AddAsync(MoveOf(decision), token), cancellationToken);

    /// <summary>Dispatches <paramref name="ticket"/> to <paramref name="target"/> (all guards already passed).</summary>
    public async Task DispatchAsync(MoveContext context, TicketFacts ticket, ReassignmentRule rule, TeamRef target, string motive, CancellationToken cancellationToken)
    {
        var academy = context.Academy;
        var note = FrenchNotes.DispatchNote(ticket.TeamName, target.Name, rule.Name, motive);
        var step = LifecycleSteps.TeamChange(academy.Lifecycle, ticket.Status);
        var decision = new ReassignmentDecision
        {
            TicketId = ticket.Id, TicketRef = ticket.Ref, Rule = rule.Name, Action = MoveKinds.Dispatch, Outcome = "done",
            FromTeam = ticket.TeamName, ToTeam = target.Name, Note = note,
        };
        var before = new { status = ticket.Status, team_id = ticket.TeamId, team_name = ticket.TeamName, agent_id = ticket.AgentId };
        if (step is null)
        {
            context.Report.Add(decision with { Outcome = "skipped", Reason = "no_dispatch_action_for_status" });
            return;
        }

        var fields = new ITopFields().SetKey("team_id", ITopKey.Id(target.Id));
        long? agent = null;
        if (LifecycleSteps.NeedsAgent(step))
        {
            // The target state needs an agent (stock 'assigned'): one of the new team's, as the console would ask for.
            agent = await TeamAgentPicker.PickAsync(academy.ITop, target.Id, ticket.AgentId, cancellationToken);
            if (agent is null)
            {
                await AuditAsync(context, ticket, rule, "skipped", $"{step.Definition.Stimulus} needs an agent of {target.Name}, which has none", before, null, null, cancellationToken);
                context.Report.Add(decision with { Outcome = "skipped", Reason = "target_team_has_no_agent" });
                return;
            }
            fields.SetKey("agent_id", ITopKey.Id(agent.Value));
        }
        else if (ticket.AgentId is not null && !LifecycleSteps.IsUpdateOnly(step))
        {
            // The agent belonged to the old team and the target state has none (AMIGO's Réaffectée): the new team picks its own.
            fields.Set("agent_id", 0L);
        }
        // The key is in the comment (iTop keeps it as the change's userinfo, at the start: userinfo holds 255 characters).
        var key = $"reassign:dispatch:{ticket.Id}:{ticket.TeamId ?? 0}-{target.Id}:{time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";
        try
        {
            LifecycleSteps.FillRequired(step, fields, new Dictionary<string, object?> { ["agent_id"] = agent });
        }
        catch (InvalidOperationException error)
        {
            await AuditAsync(context, ticket, rule, "failed", error.Message, before, null, null, cancellationToken);
            context.Report.Add(decision with { Outcome = "failed", Reason = "required_field_unknown" });
            return;
        }

        if (context.DryRun)
        {
            await AuditAsync(context, ticket, rule, "dry-run", $"{Describe(step)} → {target.Name}", before, new { team_id = target.Id, agent_id = agent, note }, null, cancellationToken);
            context.Report.Add(decision with { Outcome = "dry-run" });
            return;
        }

        var comment = $"Amigo reassign {ITopChangeHistory.Marker(key)}: rule '{rule.Name}' ({ticket.TeamName ?? "no team"} -> {target.Name})";
        // The note carries the key too: the agent journal is where the next run looks after a crash (ITopChangeHistory).
        fields.AppendToLog(ITopChangeHistory.JournalAttribute, $"{note} (connecteur Amigo, réf. {ITopChangeHistory.Marker(key)})");
        var intent = new DispatchIntent(rule.Name, ticket.TeamId, ticket.TeamName, target.Id, target.Name, motive, Describe(step), note);
        await AuditAsync(context, ticket, rule, "decided", $"{Describe(step)} → {target.Name}", before, intent, null, cancellationToken, key);
        _faults.Reach(FaultPoint(WriteBoundaries.BeforeITopWrite));
        try
        {
            string[] output = ["id", "ref", "status", "team_id", "team_name", "agent_id"];
            var ticketKey = ITopKey.Id(ticket.Id);
            var answer = LifecycleSteps.IsUpdateOnly(step)
                ? await academy.ITop.UpdateAsync(new ITopWrite(ITopTickets.UserRequest, ticketKey, fields, comment, output), cancellationToken)
                : await academy.ITop.ApplyStimulusAsync(new ITopStimulus(ITopTickets.UserRequest, ticketKey, step.Definition.Stimulus, fields, comment, output), cancellationToken);
            _faults.Reach(FaultPoint(WriteBoundaries.AfterITopWrite));
            if (answer.GetExternalKey("team_id") != target.Id)
                throw new ITopFormatException($"iTop answered {Describe(step)} on {ticket.Ref} with team {answer.GetString("team_id")} instead of {target.Id}.");
            await moves.AddAsync(NewMove(context, ticket, rule, target, MoveStates.Done, motive), cancellationToken);
            await AuditAsync(context, ticket, rule, "done", Describe(step), before,
                new { status = answer.GetString("status"), team_id = target.Id, team_name = target.Name, agent_id = answer.GetExternalKey("agent_id"), note }, 0, cancellationToken, key + ":done");
            _faults.Reach(FaultPoint(WriteBoundaries.AfterAudit));
            logger.LogInformation("Reassign {Academy} {Ref}: {From} -> {To} (rule {Rule})", academy.Id, ticket.Ref, ticket.TeamName, target.Name, rule.Name);
            context.Report.Add(decision);
        }
        catch (Exception error) when (error is ITopException or ITopFormatException or ITopTransportException or ITopOutcomeUnknownException)
        {
            await moves.AddAsync(NewMove(context, ticket, rule, target, MoveStates.Failed, error.Message), cancellationToken);
            // An unknown outcome leaves the decision open (the write may have happened): the next run asks iTop.
            await AuditAsync(context, ticket, rule, "failed", error.Message, before, null, (error as ITopException)?.Code, cancellationToken,
                error is ITopOutcomeUnknownException ? null : key);
            logger.LogWarning(error, "Reassign {Academy} {Ref} failed", academy.Id, ticket.Ref);
            context.Report.Add(decision with { Outcome = "failed", Reason = "itop_error" });
        }
    }

    private static string Describe(LifecycleStep step) => LifecycleSteps.IsUpdateOnly(step) ? "core/update team_id" : step.Definition.Stimulus;

    private MoveRecord NewMove(MoveContext context, TicketFacts ticket, ReassignmentRule rule, TeamRef target, string state, string reason) => new()
    {
        AcademyId = context.Academy.Id, TicketId = ticket.Id, TicketRef = ticket.Ref, RuleName = rule.Name, Kind = MoveKinds.Dispatch,
        FromTeamId = ticket.TeamId, FromTeamName = ticket.TeamName, ToTeamId = target.Id, ToTeamName = target.Name,
        State = state, Reason = reason, JobRunId = context.RunId, MovedAt = time.GetUtcNow(),
    };

    private Task AuditAsync(MoveContext context, TicketFacts ticket, ReassignmentRule rule, string outcome, string reason,
        object before, object? after, int? code, CancellationToken cancellationToken, string? key = null) =>
        audit.RecordAsync(new AuditEntry(context.Academy.Id, MoveContext.Actor, "dispatch", ITopTickets.UserRequest, ticket.Id, ticket.Ref, outcome,
            $"rule '{rule.Name}': {reason}")
        {
            Before = before, After = after, ITopCode = code, JobRunId = context.RunId, IdempotencyKey = key,
        }, cancellationToken);

    // The move a reconciled decision made, rebuilt from the decision's intent (an object in memory, JSON once stored).
    private static MoveRecord MoveOf(AuditRecord decision)
    {
        var entry = decision.Entry;
        var intent = entry.After as DispatchIntent
                     ?? (entry.After is JsonElement json ? json.Deserialize<DispatchIntent>() : null)
                     ?? throw new InvalidOperationException($"Decision {decision.Id} carries no dispatch intent.");
        return new MoveRecord
        {
            AcademyId = entry.AcademyId, TicketId = entry.ITopKey!.Value, TicketRef = entry.TicketRef ?? "", RuleName = intent.rule,
            Kind = MoveKinds.Dispatch, FromTeamId = intent.from_team_id, FromTeamName = intent.from_team_name, ToTeamId = intent.team_id,
            ToTeamName = intent.team_name, State = MoveStates.Done, Reason = intent.motive, JobRunId = entry.JobRunId, MovedAt = decision.At,
        };
    }

}

/// <summary>What a dispatch decision intends, audited with it (snake_case: the reports read <c>team_id</c>/<c>team_name</c>).</summary>
#pragma warning disable IDE1006 // JSON names of the audit trail
internal sealed record DispatchIntent(string rule, long? from_team_id, string? from_team_name, long team_id, string team_name, string motive, string stimulus, string note);
#pragma warning restore IDE1006
