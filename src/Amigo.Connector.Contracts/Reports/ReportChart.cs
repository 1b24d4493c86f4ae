namespace Amigo.Connector.Contracts.Reports;

/// <summary>
/// How the reporting dashboard draws a <see cref="ContributedReport"/>: one group of horizontal bars per row, labelled
/// by <see cref="Label"/>'s value, one bar per <see cref="Series"/> column (numbers). The French names also head the
/// columns of the table under the chart. A label column named <c>month</c> holding the month's first day is shown as
/// the French month (« novembre 2026 »).
/// </summary>
public sealed record ReportChart
{
    /// <summary>Builds and checks a chart; throws <see cref="ArgumentException"/> naming the problem.</summary>
    /// <param name="label">The column whose value labels each row.</param>
    /// <param name="series">The numeric columns drawn as bars, in order (at least one).</param>
    public ReportChart(ReportColumn label, params IReadOnlyList<ReportColumn> series)
    {
        ArgumentNullException.ThrowIfNull(label);
        ContributedReport.Require(series is { Count: > 0 } && series.All(s => s is not null), nameof(series), "a chart needs at least one series.");
        ContributedReport.Require(series.Select(s => s.Name).Distinct().Count() == series.Count, nameof(series), "a column is drawn twice.");
        Label = label;
        Series = [.. series];
    }

    /// <summary>The column whose value labels each row.</summary>
    public ReportColumn Label { get; }

    /// <summary>The numeric columns drawn as bars.</summary>
    public IReadOnlyList<ReportColumn> Series { get; }
}

/// <summary>A column of a contributed report's SQL function and its French name on the dashboard.</summary>
public sealed record ReportColumn
{
    /// <summary>Builds and checks a column; throws <see cref="ArgumentException"/> naming the problem.</summary>
    /// <param name="name">The column as the SQL function returns it (snake_case), e.g. <c>deleted_in_itop</c>.</param>
    /// <param name="label">French name, e.g. « Supprimés dans iTop ».</param>
    public ReportColumn(string name, string label)
    {
        ContributedReport.Require(name is not null && ContributedReport.SqlNamePattern().IsMatch(name), nameof(name),
            $"'{name}' is not a column name (lower case letters, digits, underscores).");
        ContributedReport.Require(!string.IsNullOrWhiteSpace(label), nameof(label), $"column '{name}' has no French label.");
        Name = name!;
        Label = label;
    }

    /// <summary>The column as the SQL function returns it.</summary>
    public string Name { get; }

    /// <summary>French name shown on the dashboard.</summary>
    public string Label { get; }
}
