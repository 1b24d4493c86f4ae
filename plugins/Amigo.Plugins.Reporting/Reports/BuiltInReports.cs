namespace Amigo.Plugins.Reporting.Reports;

/// <summary>
/// The reports the plugin ships itself (its migrations hold their SQL). Names and view names are a public contract
/// (docs/plugins/reporting.md). What is served is <see cref="ReportCatalog"/>: these plus the reports other plugins contribute.
/// </summary>
public static class BuiltInReports
{
    /// <summary>The reports, in dashboard order.</summary>
    public static IReadOnlyList<ReportDefinition> All { get; } =
    [
        new("status-groups", "report_status_groups", "Tickets par onglet du portail",
            "Tickets per portal tab: Open, Waiting, Beneficiary and Shared (both among requests in progress), Resolved, Closed.",
            "creation week", Materialized: true),
        new("open-by-team-agent", "report_open_by_team_agent", "Tickets affectés à mes équipes par agent",
            "Requests in progress (Open + Waiting) per team and agent.", "creation date"),
        new("open-by-type", "report_open_by_request_type", "Tickets affectés à mes équipes par type",
            "Requests in progress per request type.", "creation date"),
        new("backlog-age", "report_backlog_age", "Ancienneté des tickets en cours",
            "Requests in progress by age since creation: < 1 day, 1–7 days, 7–30 days, > 30 days.", "creation date", AsOfNow: true),
        new("weekly-flow", "report_weekly_flow", "Tickets créés, résolus et fermés par semaine",
            "Tickets created, resolved and closed per week (academy time zone).", "week of the event", Materialized: true),
        new("resolution-times", "report_resolution_times", "Délais de prise en charge et de résolution par équipe",
            "Hours from creation to assignment and to resolution of the tickets resolved in the period: median and 90th percentile per team.",
            "resolution date (exact percentiles, from the materialized views)", Materialized: true),
        new("closure-origin", "report_closure_origin", "Fermetures : par le demandeur ou automatiques",
            "Closed tickets: closed by the requester (or an agent) vs automatically by the connector.", "week of closure", Materialized: true),
        new("open-by-establishment", "report_open_by_establishment", "Tickets en cours par établissement (UAI)",
            "Requests in progress per establishment UAI, with those shared with the establishment.", "creation date"),
        new("open-by-service", "report_open_by_service", "Tickets en cours par service et sous-catégorie",
            "Requests in progress per service and subcategory.", "creation date"),
        new("moves", "report_moves", "Réaffectations entre équipes et académies",
            "Moves made by the reassignment plugin: team dispatches and transfers to another academy.", "date of the move"),
        new("academies", "report_academy_overview", "Vue par académie",
            "One line per academy: tickets per tab and the flow of the period.", "week of the event", Materialized: true),
    ];

    /// <summary>The report with this name (case-insensitive), or null.</summary>
    public static ReportDefinition? Find(string? name) =>
        All.FirstOrDefault(report => string.Equals(report.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
