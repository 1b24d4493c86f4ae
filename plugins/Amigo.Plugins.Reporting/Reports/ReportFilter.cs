namespace Amigo.Plugins.Reporting.Reports;

/// <summary>Filters of a report run.</summary>
/// <param name="AcademyId">The academy, or null for every academy (admin only).</param>
/// <param name="TeamId">iTop id of one team, or null for all.</param>
/// <param name="From">First day of the period (inclusive, academy time zone), or null.</param>
/// <param name="To">Day after the period (exclusive), or null.</param>
public sealed record ReportFilter(string? AcademyId, long? TeamId = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>
    /// Builds a filter from text (query string or command line); the problems found name the parameter.
    /// Dates are <c>yyyy-MM-dd</c>; <paramref name="to"/> is exclusive.
    /// </summary>
    public static (ReportFilter? Filter, IReadOnlyList<string> Problems) Parse(string? academyId, string? team, string? from, string? to)
    {
        var problems = new List<string>();
        long? teamId = null;
        if (!string.IsNullOrWhiteSpace(team))
        {
            if (long.TryParse(team, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
                teamId = parsed;
            else
                problems.Add($"team: '{team}' is not a team id (a positive integer).");
        }
        var fromDate = ParseDate("from", from, problems);
        var toDate = ParseDate("to", to, problems);
        if (fromDate is { } f && toDate is { } t && f >= t)
            problems.Add($"from ({f:yyyy-MM-dd}) must be before to ({t:yyyy-MM-dd}); to is exclusive.");
        return problems.Count > 0 ? (null, problems) : (new ReportFilter(academyId, teamId, fromDate, toDate), problems);
    }

    private static DateOnly? ParseDate(string name, string? text, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        problems.Add($"{name}: '{text}' is not a date (yyyy-MM-dd).");
        return null;
    }
}
