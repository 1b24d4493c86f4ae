namespace Amigo.Connector.Contracts.Lifecycle;

/// <summary>Lifecycle profiles shipped with the connector.</summary>
public static class BuiltInProfiles
{
    /// <summary>Name of the stock iTop 3.x profile.</summary>
    public const string StockName = "itop-stock";

    /// <summary>Stock iTop 3.x ITIL UserRequest lifecycle, as in the recordings.</summary>
    public static LifecycleProfile Stock { get; } = new(
        StockName,
        new Dictionary<string, StatusGroup>
        {
            ["new"] = StatusGroup.Open,
            ["escalated_tto"] = StatusGroup.Open,
            ["assigned"] = StatusGroup.Open,
            ["escalated_ttr"] = StatusGroup.Open,
            ["approved"] = StatusGroup.Open,
            ["dispatched"] = StatusGroup.Open,
            ["redispatched"] = StatusGroup.Open,
            ["waiting_for_approval"] = StatusGroup.Waiting,
            ["pending"] = StatusGroup.Waiting,
            ["resolved"] = StatusGroup.Resolved,
            ["closed"] = StatusGroup.Closed,
            ["rejected"] = StatusGroup.Other,
        },
        new Dictionary<LogicalAction, LifecycleAction>
        {
            // Stock iTop has no "dispatched" state (a team without an agent). Its console (datamodel of
            // itop-request-mgmt-itil 3.2) makes team_id and agent_id mandatory in 'assigned' (and the states inheriting
            // its flags: escalated_ttr, pending, resolved, closed), and ev_reassign must change the agent. So: a ticket
            // not yet assigned keeps its state and only its team changes (core/update, empty stimulus); an assigned one
            // is reassigned to the new team *and* one of its agents, as the console's ev_reassign form requires.
            [LogicalAction.Dispatch] = new("", ["team_id"], ["new", "escalated_tto", "waiting_for_approval", "approved"]),
            [LogicalAction.Redispatch] = new("ev_reassign", ["team_id", "agent_id"], ["assigned", "escalated_ttr"]),
            [LogicalAction.Assign] = new("ev_assign", ["team_id", "agent_id"], ["new", "escalated_tto", "approved", "pending"]),
            [LogicalAction.Reassign] = new("ev_reassign", ["team_id", "agent_id"], ["assigned", "escalated_ttr"]),
            [LogicalAction.Pending] = new("ev_pending", ["pending_reason"], ["assigned", "escalated_ttr"]),
            [LogicalAction.Resolve] = new("ev_resolve", ["solution"], ["assigned", "escalated_ttr", "pending"]),
            [LogicalAction.Close] = new("ev_close", [], ["resolved"]),
            [LogicalAction.Reopen] = new("ev_reopen", [], ["resolved"]),
        },
        new Dictionary<string, string>
        {
            ["new"] = "Nouveau",
            ["escalated_tto"] = "Escaladé (TTO)",
            ["assigned"] = "Assignée",
            ["escalated_ttr"] = "Escaladé (TTR)",
            ["waiting_for_approval"] = "En attente d'approbation",
            ["approved"] = "Approuvé",
            ["rejected"] = "Rejeté",
            ["pending"] = "En attente",
            ["resolved"] = "Résolue",
            ["closed"] = "Fermée",
            ["dispatched"] = "Affectée",
            ["redispatched"] = "Réaffectée",
        });
}
