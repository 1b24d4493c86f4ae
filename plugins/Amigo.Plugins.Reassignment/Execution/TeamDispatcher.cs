using Amigo.Connector.Contracts.Audit;
using Amigo.Connector.ITop;
using Amigo.Plugins.Reassignment.Data;
using Amigo.Plugins.Reassignment.Rules;
using Amigo.Plugins.Reassignment.Settings;
using Microsoft.Extensions.Logging;

namespace Amigo.Plugins.Reassignment.Execution;

/// <summary>
/// Moves a ticket to another team of the same iTop the way the academy's console would, with a note: the profile's
/// Dispatch/Redispatch stimulus (or, where Dispatch has no stimulus, a <c>core/update</c> of the team that keeps the
/// state); when the target state needs an agent (stock <c>assigned</c>), one of the new team's agents
/// (<see cref="TeamAgentPicker"/>), never a state the console would call incomplete.
/// </summary>
public sealed class TeamDispatcher(IMoveStore moves, IAuditLog audit, TimeProvider time, ILogger<TeamDispatcher> logger)
{
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
        fields.AppendToLog("private_log", note);
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

        var comment = $"Amigo reassign: rule '{rule.Name}' ({ticket.TeamName ?? "no team"} -> {target.Name})";
        try
        {
            string[] output = ["id", "ref", "status", "team_id", "team_name", "agent_id"];
            var key = ITopKey.Id(ticket.Id);
            var answer = LifecycleSteps.IsUpdateOnly(step)
                ? await academy.ITop.UpdateAsync(new ITopWrite(ITopTickets.UserRequest, key, fields, comment, output), cancellationToken)
                : await academy.ITop.ApplyStimulusAsync(new ITopStimulus(ITopTickets.UserRequest, key, step.Definition.Stimulus, fields, comment, output), cancellationToken);
            if (answer.GetExternalKey("team_id") != target.Id)
                throw new ITopFormatException($"iTop answered {Describe(step)} on {ticket.Ref} with team {answer.GetString("team_id")} instead of {target.Id}.");
            await moves.AddAsync(NewMove(context, ticket, rule, target, MoveStates.Done, motive), cancellationToken);
            await AuditAsync(context, ticket, rule, "done", Describe(step), before,
                new { status = answer.GetString("status"), team_id = target.Id, team_name = target.Name, agent_id = answer.GetExternalKey("agent_id"), note }, 0, cancellationToken);
            logger.LogInformation("Reassign {Academy} {Ref}: {From} -> {To} (rule {Rule})", academy.Id, ticket.Ref, ticket.TeamName, target.Name, rule.Name);
            context.Report.Add(decision);
        }
        catch (Exception error) when (error is ITopException or ITopFormatException or ITopTransportException or ITopOutcomeUnknownException)
        {
            await moves.AddAsync(NewMove(context, ticket, rule, target, MoveStates.Failed, error.Message), cancellationToken);
            await AuditAsync(context, ticket, rule, "failed", error.Message, before, null, (error as ITopException)?.Code, cancellationToken);
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
        object before, object? after, int? code, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry(context.Academy.Id, MoveContext.Actor, "dispatch", ITopTickets.UserRequest, ticket.Id, ticket.Ref, outcome,
            $"rule '{rule.Name}': {reason}")
        {
            Before = before, After = after, ITopCode = code, JobRunId = context.RunId,
        }, cancellationToken);
}
