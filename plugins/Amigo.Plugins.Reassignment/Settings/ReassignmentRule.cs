namespace Amigo.Plugins.Reassignment.Settings;

/// <summary>
/// One reassignment rule: conditions (all must hold; an empty list or null means "any") and the team to send
/// the ticket to. Teams, services, subcategories and organizations are matched by name (case-insensitive) or by id.
/// </summary>
public sealed class ReassignmentRule
{
    /// <summary>Unique name, quoted in the note written into the ticket.</summary>
    public string Name { get; set; } = "";

    /// <summary>The ticket's current team is one of these.</summary>
    public List<string> TeamIn { get; set; } = [];

    /// <summary>The ticket's current team is none of these (a ticket without a team is "not in").</summary>
    public List<string> TeamNotIn { get; set; } = [];

    /// <summary>The ticket's status is in one of these groups of the academy's lifecycle profile.</summary>
    public List<StatusGroup> StatusGroups { get; set; } = [];

    /// <summary>The ticket's status code is one of these.</summary>
    public List<string> Statuses { get; set; } = [];

    /// <summary>The ticket's service is one of these.</summary>
    public List<string> Services { get; set; } = [];

    /// <summary>The ticket's service subcategory is one of these.</summary>
    public List<string> Subcategories { get; set; } = [];

    /// <summary>The establishment's UAI code is one of these; an entry ending in <c>*</c> is a prefix (<c>034*</c>).</summary>
    public List<string> EstablishmentUai { get; set; } = [];

    /// <summary>The establishment belongs to one of these academies (from its UAI code's département).</summary>
    public List<string> EstablishmentAcademies { get; set; } = [];

    /// <summary>The caller's organization (the ticket's <c>org_id</c>) is one of these.</summary>
    public List<string> CallerOrganizations { get; set; } = [];

    /// <summary>At least this long since the ticket was dispatched to its team (assignment date or last team change).</summary>
    public TimeSpan? MinSinceDispatch { get; set; }

    /// <summary>At most this long since the ticket was dispatched to its team.</summary>
    public TimeSpan? MaxSinceDispatch { get; set; }

    /// <summary>Whether an agent must (true) or must not (false) be assigned; null: either.</summary>
    public bool? AgentAssigned { get; set; }

    /// <summary>Whether the rule may move a ticket an agent is working on (default false: such tickets are left alone).</summary>
    public bool AllowAssigned { get; set; }

    /// <summary>Team to dispatch to (name or id), looked up in the target iTop.</summary>
    public string TargetTeam { get; set; } = "";

    /// <summary>
    /// When set to another academy id, the ticket is transferred to that academy's iTop instance (created there,
    /// closed here) instead of being dispatched in place. Leave empty when both academies share one iTop.
    /// </summary>
    public string? TransferToAcademy { get; set; }

    /// <summary>Whether this rule transfers to another academy's iTop rather than dispatching in place.</summary>
    public bool IsTransferFrom(string academyId) =>
        !string.IsNullOrWhiteSpace(TransferToAcademy) && !string.Equals(TransferToAcademy.Trim(), academyId, StringComparison.OrdinalIgnoreCase);
}
