namespace Amigo.Plugins.Reassignment.Execution;

/// <summary>
/// Chooses the agent a ticket gets when its new state needs one (stock iTop: <c>assigned</c> requires <c>team_id</c> and
/// <c>agent_id</c>, and the console's <c>ev_reassign</c> must change the agent). Candidates are the agents the console
/// itself offers — members of the target team (<c>agent_id</c>'s filter is <c>lnkPersonToTeam</c> of <c>team_id</c>) —
/// other than the current agent; the one with the fewest open tickets of that team wins (ties: lowest id), so moved
/// tickets spread over the team. Two read-only calls.
/// </summary>
public static class TeamAgentPicker
{
    /// <summary>Statuses in which a stock ticket is on an agent's desk.</summary>
    private static readonly string[] OnDesk = ["assigned", "escalated_ttr", "pending"];

    /// <summary>The chosen agent's id, or null when the team has no member but <paramref name="currentAgent"/>.</summary>
    public static async Task<long?> PickAsync(IITopClient itop, long teamId, long? currentAgent, CancellationToken cancellationToken)
    {
        var members = await itop.GetAsync(new ITopGetRequest("lnkPersonToTeam",
            ITopKey.Query(Oql.Select("lnkPersonToTeam").Where("team_id", "=", teamId).Build()), ["person_id"]), cancellationToken);
        var candidates = members.Objects.Select(m => m.GetExternalKey("person_id")).OfType<long>()
            .Where(id => id != currentAgent).Distinct().ToList();
        if (candidates.Count == 0) return null;
        if (candidates.Count == 1) return candidates[0];

        var open = await itop.GetAsync(new ITopGetRequest(ITopTickets.UserRequest,
            ITopKey.Query(Oql.Select(ITopTickets.UserRequest).Where("team_id", "=", teamId).WhereIn("status", OnDesk).Build()), ["agent_id"]), cancellationToken);
        var load = open.Objects.Select(t => t.GetExternalKey("agent_id")).OfType<long>().GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        return candidates.OrderBy(id => load.GetValueOrDefault(id)).ThenBy(id => id).First();
    }
}
