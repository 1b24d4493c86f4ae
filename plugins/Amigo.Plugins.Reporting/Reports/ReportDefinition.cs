namespace Amigo.Plugins.Reporting.Reports;

/// <summary>One report: its stable SQL names, its French title and how the dashboard charts it.</summary>
/// <param name="Name">Name used in URLs and on the CLI, e.g. <c>open-by-team-agent</c>.</param>
/// <param name="ViewName">Stable SQL view (every academy, all time), e.g. <c>report_open_by_team_agent</c>.</param>
/// <param name="Title">French title shown on the dashboard.</param>
/// <param name="Description">What the report counts (English, for the CLI and the docs).</param>
/// <param name="PeriodMeaning">What the period filter applies to (English).</param>
/// <param name="Materialized">Whether it reads the materialized views (fresh as of the last <c>reporting.refresh</c>).</param>
/// <param name="AsOfNow">Whether its figures depend on the current time (then the function takes the host's time as a fifth argument).</param>
/// <param name="PluginId">The plugin that contributed it (<see cref="ContributedReport"/>), or null for a built-in report.</param>
/// <param name="Chart">How the dashboard draws a contributed report (built-in reports have their drawing in <c>dashboard.js</c>).</param>
public sealed record ReportDefinition(string Name, string ViewName, string Title, string Description, string PeriodMeaning,
    bool Materialized = false, bool AsOfNow = false, string? PluginId = null, ReportChart? Chart = null)
{
    /// <summary>The definition of a report another plugin contributed (never materialized: the reporting refresh does not know its views).</summary>
    public static ReportDefinition From(ContributedReport report) =>
        new(report.Name, report.ViewName, report.Title, report.Description, report.PeriodMeaning,
            AsOfNow: report.AsOfNow, PluginId: report.PluginId, Chart: report.Chart);

    /// <summary>The filtered set-returning function behind the view: <c>{view}_for(academy, team, from, to[, now])</c>.</summary>
    public string FunctionName => ViewName + "_for";

    /// <summary>Who ships the report's SQL, as messages name it: <c>plugin 'retention'</c> or <c>the reporting plugin</c>.</summary>
    public string Owner => PluginId is { } plugin ? $"plugin '{plugin}'" : "the reporting plugin";
}
