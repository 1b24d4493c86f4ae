namespace Amigo.Connector.Contracts.Lifecycle;

/// <summary>The portal's groups of statuses (its tabs).</summary>
public enum StatusGroup
{
    /// <summary>Ouverts: new, dispatched (Affectée), redispatched (Réaffectée), assigned (Assignée), escalated.</summary>
    Open,
    /// <summary>En attente: pending (En attente), waiting for the requester (À compléter), waiting for approval.</summary>
    Waiting,
    /// <summary>Résolus.</summary>
    Resolved,
    /// <summary>Fermés.</summary>
    Closed,
    /// <summary>Anything else (e.g. rejected).</summary>
    Other,
}

/// <summary>What the connector wants to do to a ticket, whatever the academy's stimulus codes.</summary>
public enum LogicalAction
{
    /// <summary>Send to a team (Affectée).</summary>
    Dispatch,
    /// <summary>Send to another team (Réaffectée).</summary>
    Redispatch,
    /// <summary>Give to an agent (Assignée).</summary>
    Assign,
    /// <summary>Give to another agent.</summary>
    Reassign,
    /// <summary>Put on hold (En attente).</summary>
    Pending,
    /// <summary>Resolve (Résolue).</summary>
    Resolve,
    /// <summary>Close (Fermée).</summary>
    Close,
    /// <summary>Reopen a resolved ticket.</summary>
    Reopen,
    /// <summary>Cancel a ticket (e.g. the original of a cross-instance transfer).</summary>
    Cancel,
}

/// <summary>How one logical action is performed in an academy's iTop.</summary>
/// <param name="Stimulus">Stimulus code, e.g. <c>ev_close</c>.</param>
/// <param name="RequiredFields">Fields the stimulus needs (e.g. <c>solution</c> for <c>ev_resolve</c>, <c>team_id</c> for a dispatch).</param>
/// <param name="FromStatuses">Statuses where the stimulus is valid; empty means "not checked here".</param>
public sealed record LifecycleAction(string Stimulus, IReadOnlyList<string> RequiredFields, IReadOnlyList<string> FromStatuses);

/// <summary>
/// An academy's lifecycle: status codes → portal groups, logical actions → stimuli. The connector
/// never writes <c>status</c>: it applies the profile's stimulus.
/// </summary>
public sealed class LifecycleProfile
{
    /// <summary>Creates a profile.</summary>
    public LifecycleProfile(
        string name,
        IReadOnlyDictionary<string, StatusGroup> statuses,
        IReadOnlyDictionary<LogicalAction, LifecycleAction> actions,
        IReadOnlyDictionary<string, string>? statusLabels = null)
    {
        (Name, Statuses, Actions) = (name, statuses, actions);
        StatusLabels = statusLabels ?? new Dictionary<string, string>();
    }

    /// <summary>Profile name, e.g. <c>itop-stock</c> or <c>amigo</c>.</summary>
    public string Name { get; }

    /// <summary>Every status code the academy's iTop uses, with its group.</summary>
    public IReadOnlyDictionary<string, StatusGroup> Statuses { get; }

    /// <summary>The actions this academy supports.</summary>
    public IReadOnlyDictionary<LogicalAction, LifecycleAction> Actions { get; }

    /// <summary>French labels of status codes (e.g. <c>resolved</c> → <c>Résolue</c>) for people-facing text.</summary>
    public IReadOnlyDictionary<string, string> StatusLabels { get; }

    /// <summary>The group of a status code; <see cref="StatusGroup.Other"/> when unknown.</summary>
    public StatusGroup GroupOf(string? status) =>
        status is not null && Statuses.TryGetValue(status, out var group) ? group : StatusGroup.Other;

    /// <summary>The status codes of a group.</summary>
    public IReadOnlyList<string> StatusesIn(StatusGroup group) =>
        Statuses.Where(pair => pair.Value == group).Select(pair => pair.Key).ToList();

    /// <summary>The definition of an action, or null when the academy does not support it.</summary>
    public LifecycleAction? Find(LogicalAction action) => Actions.TryGetValue(action, out var definition) ? definition : null;

    /// <summary>A French label for a status, falling back to the code.</summary>
    public string LabelOf(string status) => StatusLabels.TryGetValue(status, out var label) ? label : status;
}
