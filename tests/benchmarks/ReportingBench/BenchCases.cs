namespace ReportingBench;

/// <summary>A report run measured by the benchmark: the report, its filter and the label printed for it.</summary>
internal sealed record BenchCase(ReportDefinition Report, ReportFilter Filter)
{
    public string Label => Report.Name + (Filter.AcademyId is null ? " (all academies)" : "")
        + (Filter.TeamId is { } team ? $" team {team}" : "")
        + (Filter.From is { } from ? $" from {from:yyyy-MM-dd}" : "") + (Filter.To is { } to ? $" to {to:yyyy-MM-dd}" : "");

    /// <summary>
    /// Every report for Toulouse (45 % of the tickets) with no period (the academies overview across academies), then the
    /// periods a manager picks: resolution-times over a month, a quarter, a year (up to the generation day) and a past
    /// calendar month (both ends), the weekly flow of one team and the establishments over a quarter.
    /// </summary>
    public static IReadOnlyList<BenchCase> All(DateTimeOffset generatedAt)
    {
        var today = DateOnly.FromDateTime(generatedAt.UtcDateTime);
        var lastQuarter = today.AddDays(-90);
        var pastMonth = new DateOnly(today.Year - 1, today.Month, 1);
        var resolutionTimes = BuiltInReports.Find("resolution-times")!;
        return
        [
            .. BuiltInReports.All.Select(report => new BenchCase(report, new ReportFilter(report.Name == "academies" ? null : "toulouse"))),
            new(resolutionTimes, new ReportFilter("toulouse", From: today.AddDays(-30))),
            new(resolutionTimes, new ReportFilter("toulouse", From: lastQuarter)),
            new(resolutionTimes, new ReportFilter("toulouse", From: today.AddDays(-365))),
            new(resolutionTimes, new ReportFilter("toulouse", From: pastMonth, To: pastMonth.AddMonths(1))),
            new(BuiltInReports.Find("weekly-flow")!, new ReportFilter("toulouse", 1, From: lastQuarter)),
            new(BuiltInReports.Find("open-by-establishment")!, new ReportFilter("toulouse", From: lastQuarter)),
        ];
    }

    /// <summary>How many tickets the period covers, for the reports that say it (resolution-times: resolved_count).</summary>
    public static long? PeriodSize(ReportResult result) =>
        result.Report.Name == "resolution-times" && result.Filter.From is not null
            ? result.Rows.Sum(row => (long)result.Value(row, "resolved_count")!)
            : null;
}
