namespace Amigo.Plugins.Reassignment.Execution;

/// <summary>What every step of one run shares.</summary>
/// <param name="Academy">The academy whose tickets are examined.</param>
/// <param name="Settings">Its reassignment settings.</param>
/// <param name="DryRun">Decide and report only.</param>
/// <param name="RunId">Job run id, when any.</param>
/// <param name="Report">Where counts and decisions go.</param>
public sealed record MoveContext(AcademyContext Academy, ReassignmentSettings Settings, bool DryRun, long? RunId, ReassignmentReport Report)
{
    /// <summary>Teams of the academy's own iTop, cached for the run.</summary>
    public TeamDirectory Teams { get; } = new(Academy.ITop);

    /// <summary>Team directories of other academies' iTops, cached for the run.</summary>
    public Dictionary<string, TeamDirectory> OtherTeams { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tickets whose unfinished transfer this run already resumed (not retried twice in one run).</summary>
    public HashSet<long> Resumed { get; } = [];

    /// <summary>The audit actor: the plugin id.</summary>
    public const string Actor = ReassignmentPlugin.PluginId;
}
