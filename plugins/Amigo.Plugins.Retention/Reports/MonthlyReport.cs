namespace Amigo.Plugins.Retention.Reports;

/// <summary>
/// What the plugin adds to the reporting dashboard: tickets anonymised per month, and how many of them were deleted in
/// iTop, read from <c>report_retention_monthly_for</c> (<c>Migrations/0001_retention.sql</c>).
/// </summary>
public static class MonthlyReport
{
    /// <summary>Report name in URLs and on the CLI (<c>amigo report retention</c>).</summary>
    public const string Name = "retention";

    /// <summary>The stable view (every academy, all time); the function is <c>report_retention_monthly_for</c>.</summary>
    public const string ViewName = "report_retention_monthly";

    /// <summary>The registration the reporting plugin picks up.</summary>
    public static ContributedReport Definition { get; } = new(
        RetentionPlugin.PluginId, Name, ViewName,
        "Tickets anonymisés par mois",
        "Closed tickets whose personal data the retention plugin removed, per month of anonymisation (academy time zone), and how many of them it deleted in iTop.",
        "day of anonymisation (academy time zone)",
        new ReportChart(new ReportColumn("month", "Mois"),
            new ReportColumn("anonymised", "Anonymisés"), new ReportColumn("deleted_in_itop", "Supprimés dans iTop")));
}
