namespace Amigo.Plugins.Reassignment.Tests.Support;

/// <summary>
/// A customised lifecycle like the academies' (DESIGN.md): Affectée (<c>dispatched</c>), Réaffectée
/// (<c>redispatched</c>), Assignée, and a cancel action — with the matching simulated iTop transitions.
/// </summary>
public static class AcademyLifecycle
{
    /// <summary>The connector's profile of that lifecycle.</summary>
    public static LifecycleProfile Profile { get; } = new(
        "amigo",
        new Dictionary<string, StatusGroup>
        {
            ["new"] = StatusGroup.Open, ["dispatched"] = StatusGroup.Open, ["redispatched"] = StatusGroup.Open, ["assigned"] = StatusGroup.Open,
            ["pending"] = StatusGroup.Waiting, ["resolved"] = StatusGroup.Resolved, ["closed"] = StatusGroup.Closed, ["cancelled"] = StatusGroup.Closed,
        },
        new Dictionary<LogicalAction, LifecycleAction>
        {
            [LogicalAction.Dispatch] = new("ev_dispatch", ["team_id"], ["new"]),
            [LogicalAction.Redispatch] = new("ev_redispatch", ["team_id"], ["dispatched", "redispatched", "assigned"]),
            [LogicalAction.Resolve] = new("ev_resolve", ["solution"], ["assigned"]),
            [LogicalAction.Close] = new("ev_close", [], ["resolved"]),
            [LogicalAction.Cancel] = new("ev_cancel", [], ["new", "dispatched", "redispatched"]),
        });

    /// <summary>The simulated iTop of that lifecycle.</summary>
    public static ITopSimulationOptions Simulation { get; } = new()
    {
        Transitions = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["new"] = new Dictionary<string, string> { ["ev_dispatch"] = "dispatched", ["ev_cancel"] = "cancelled" },
            ["dispatched"] = new Dictionary<string, string> { ["ev_redispatch"] = "redispatched", ["ev_assign"] = "assigned", ["ev_cancel"] = "cancelled" },
            ["redispatched"] = new Dictionary<string, string> { ["ev_redispatch"] = "redispatched", ["ev_assign"] = "assigned", ["ev_cancel"] = "cancelled" },
            ["assigned"] = new Dictionary<string, string> { ["ev_redispatch"] = "redispatched", ["ev_resolve"] = "resolved" },
            ["resolved"] = new Dictionary<string, string> { ["ev_close"] = "closed" },
            ["closed"] = new Dictionary<string, string>(),
            ["cancelled"] = new Dictionary<string, string>(),
        },
    };
}
