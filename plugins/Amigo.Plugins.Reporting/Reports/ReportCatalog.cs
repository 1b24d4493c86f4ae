namespace Amigo.Plugins.Reporting.Reports;

/// <summary>
/// The reports served (dashboard, HTTP, CLI): the built-in ones, in dashboard order, then those other plugins registered
/// as <see cref="ContributedReport"/>, in registration order. A contributed report is offered to an academy only where its
/// plugin is enabled: elsewhere it is left out of the list and its URL answers 404 naming the plugin.
/// </summary>
public sealed class ReportCatalog
{
    private readonly IAcademyRegistry _academies;
    private readonly Dictionary<string, ReportDefinition> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds the catalogue; a contributed name already taken (built-in or contributed) is refused with both owners named.</summary>
    public ReportCatalog(IEnumerable<ContributedReport> contributed, IAcademyRegistry academies)
    {
        _academies = academies;
        var byView = new Dictionary<string, ReportDefinition>(StringComparer.Ordinal);
        foreach (var report in BuiltInReports.All.Concat(contributed.Select(ReportDefinition.From)))
        {
            if (_byName.TryGetValue(report.Name, out var taken))
                throw new InvalidOperationException(
                    $"Plugin '{report.PluginId}' contributes report '{report.Name}', a name already taken by {taken.Owner}.");
            if (byView.TryGetValue(report.ViewName, out var sameView))
                throw new InvalidOperationException(
                    $"Plugin '{report.PluginId}' contributes report '{report.Name}' on view {report.ViewName}, already read by report '{sameView.Name}' of {sameView.Owner}.");
            _byName.Add(report.Name, report);
            byView.Add(report.ViewName, report);
        }
        All = [.. _byName.Values];
    }

    /// <summary>Every report, whichever academy enables which plugin.</summary>
    public IReadOnlyList<ReportDefinition> All { get; }

    /// <summary>The report with this name (case-insensitive), or null.</summary>
    public ReportDefinition? Find(string? name) => name is null ? null : _byName.GetValueOrDefault(name.Trim());

    /// <summary>
    /// Whether the report is offered for <paramref name="academyId"/>: built-in reports always; a contributed one when its
    /// plugin is enabled for the academy, or for every academy at once (<paramref name="academyId"/> null).
    /// </summary>
    public async Task<bool> IsOfferedAsync(ReportDefinition report, string? academyId, CancellationToken cancellationToken) =>
        report.PluginId is not { } plugin || academyId is null || await _academies.IsPluginEnabledAsync(academyId, plugin, cancellationToken);

    /// <summary>The reports offered for <paramref name="academyId"/> (null: every academy), in catalogue order.</summary>
    public async Task<IReadOnlyList<ReportDefinition>> OfferedAsync(string? academyId, CancellationToken cancellationToken)
    {
        var offered = new List<ReportDefinition>(All.Count);
        foreach (var report in All)
            if (await IsOfferedAsync(report, academyId, cancellationToken))
                offered.Add(report);
        return offered;
    }

    /// <summary>Why a report is not offered for an academy (English, for a 404 or the CLI).</summary>
    public static string NotOfferedReason(ReportDefinition report, string academyId) =>
        $"Report '{report.Name}' comes from plugin '{report.PluginId}', which is not enabled for academy '{academyId}'.";
}
