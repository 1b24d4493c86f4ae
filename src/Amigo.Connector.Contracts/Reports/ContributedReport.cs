namespace Amigo.Connector.Contracts.Reports;

/// <summary>
/// A report a plugin adds to the reporting plugin's catalogue (dashboard, <c>…/reporting/reports/{name}</c>,
/// <c>amigo report</c>) without referencing it: register one instance in <see cref="Plugins.IConnectorPlugin.ConfigureServices"/>
/// (<c>services.AddSingleton(new ContributedReport(…))</c>). The plugin ships the SQL in its migrations, in the reporting
/// shape: a set-returning function <c>{view}_for(p_academy text, p_team bigint, p_from date, p_to date)</c> (null = no
/// filter; days in the academy's time zone, <c>p_from</c> inclusive, <c>p_to</c> exclusive; a fifth argument
/// <c>p_now timestamptz</c> when <see cref="AsOfNow"/>) whose first column is <c>academy_id</c>, and the no-filter view
/// <c>{view}</c>. The report is offered only to academies where <see cref="PluginId"/> is enabled.
/// Invalid values throw <see cref="ArgumentException"/> when the instance is built, so a plugin registering a bad report
/// fails at start-up with the problem named.
/// </summary>
public sealed partial record ContributedReport
{
    /// <summary>Longest view name: the function name <c>{view}_for</c> must fit PostgreSQL's 63-byte identifiers.</summary>
    public const int MaxViewNameLength = 59;

    /// <summary>Builds and checks a contributed report.</summary>
    /// <param name="pluginId">Id of the plugin that contributes the report (its <see cref="Plugins.IConnectorPlugin.Id"/>).</param>
    /// <param name="name">Name used in URLs and on the CLI, e.g. <c>retention</c> (lower case letters, digits, hyphens).</param>
    /// <param name="viewName">The stable SQL view, e.g. <c>report_retention_monthly</c>; the function is <c>{viewName}_for</c>.</param>
    /// <param name="title">French title shown on the dashboard.</param>
    /// <param name="description">What the report counts (English, for the CLI and the docs).</param>
    /// <param name="periodMeaning">What the period filter applies to (English), e.g. <c>day of anonymisation</c>.</param>
    /// <param name="chart">How the dashboard draws it: the label column and the bars, with their French names.</param>
    /// <param name="asOfNow">Whether its figures depend on the current time (the function then takes the host's time as a fifth argument).</param>
    public ContributedReport(string pluginId, string name, string viewName, string title, string description, string periodMeaning,
        ReportChart chart, bool asOfNow = false)
    {
        Require(pluginId is not null && IdPattern().IsMatch(pluginId), nameof(pluginId), $"'{pluginId}' is not a plugin id (lower case letters, digits, hyphens).");
        Require(name is not null && IdPattern().IsMatch(name), nameof(name), $"'{name}' is not a report name (lower case letters, digits, hyphens).");
        Require(viewName is not null && SqlNamePattern().IsMatch(viewName) && viewName.Length <= MaxViewNameLength, nameof(viewName),
            $"'{viewName}' is not a view name (lower case letters, digits, underscores; at most {MaxViewNameLength} characters).");
        Require(!string.IsNullOrWhiteSpace(title), nameof(title), "the French title is empty.");
        Require(!string.IsNullOrWhiteSpace(description), nameof(description), "the description is empty.");
        Require(!string.IsNullOrWhiteSpace(periodMeaning), nameof(periodMeaning), "the period meaning is empty.");
        ArgumentNullException.ThrowIfNull(chart);
        PluginId = pluginId!;
        Name = name!;
        ViewName = viewName!;
        Title = title;
        Description = description;
        PeriodMeaning = periodMeaning;
        Chart = chart;
        AsOfNow = asOfNow;
    }

    /// <summary>Id of the plugin that contributes the report: the report is offered where that plugin is enabled.</summary>
    public string PluginId { get; }

    /// <summary>Name used in URLs and on the CLI.</summary>
    public string Name { get; }

    /// <summary>The stable SQL view (every academy, all time).</summary>
    public string ViewName { get; }

    /// <summary>French title shown on the dashboard.</summary>
    public string Title { get; }

    /// <summary>What the report counts (English).</summary>
    public string Description { get; }

    /// <summary>What the period filter applies to (English).</summary>
    public string PeriodMeaning { get; }

    /// <summary>How the dashboard draws it.</summary>
    public ReportChart Chart { get; }

    /// <summary>Whether the function takes the host's time as a fifth argument (<c>p_now timestamptz</c>).</summary>
    public bool AsOfNow { get; }

    /// <summary>The filtered set-returning function behind the view.</summary>
    public string FunctionName => ViewName + "_for";

    internal static void Require(bool condition, string parameter, string problem)
    {
        if (!condition)
            throw new ArgumentException($"Contributed report: {parameter}: {problem}", parameter);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    internal static partial Regex SqlNamePattern();
}
