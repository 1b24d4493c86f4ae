namespace Amigo.Connector.Simulation.Demo;

/// <summary>What <see cref="DemoDataSet.Seed"/> put into one simulation: team ids and the tickets of each scenario.</summary>
public sealed class DemoSeedResult
{
    /// <summary>The academy seeded.</summary>
    public required DemoAcademy Academy { get; init; }

    /// <summary>Team ids by name.</summary>
    public required IReadOnlyDictionary<string, long> Teams { get; init; }

    /// <summary>Organization ids by UAI code.</summary>
    public required IReadOnlyDictionary<string, long> Organizations { get; init; }

    /// <summary>Every UserRequest id with the status it was seeded in.</summary>
    public required IReadOnlyDictionary<long, string> SeededStatuses { get; init; }

    /// <summary>Resolved longer ago than the academy's delay, nothing written after the resolution: to be closed.</summary>
    public required IReadOnlyList<long> DueForClosing { get; init; }

    /// <summary>Resolved longer ago than the delay, but the requester answered after the resolution: to be left open.</summary>
    public required IReadOnlyList<long> RequesterReplied { get; init; }

    /// <summary>Resolved longer ago than the delay, but an agent wrote in the journal after the resolution.</summary>
    public required IReadOnlyList<long> AgentReplied { get; init; }

    /// <summary>Resolved within the delay: not due yet.</summary>
    public required IReadOnlyList<long> RecentlyResolved { get; init; }

    /// <summary>New tickets of another academy's establishment sitting in this academy's HELPDESK: to be dispatched.</summary>
    public required IReadOnlyList<long> Misrouted { get; init; }

    /// <summary>Like <see cref="Misrouted"/>, but an agent already works on them: left alone.</summary>
    public required IReadOnlyList<long> MisroutedWithAgent { get; init; }

    /// <summary>Tickets whose establishment UAI has a wrong check letter (the tutorials' <c>0340024T</c>): reported, not moved.</summary>
    public required IReadOnlyList<long> InvalidUai { get; init; }

    /// <summary>Tickets of an establishment of an academy with its own iTop (Normandie): to be transferred there.</summary>
    public required IReadOnlyList<long> ToTransfer { get; init; }

    /// <summary>Number of UserRequests seeded.</summary>
    public int TicketCount => SeededStatuses.Count;
}
