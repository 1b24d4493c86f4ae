namespace Amigo.Plugins.Reporting.Reports;

/// <summary>
/// A report whose SQL function is not in the connector database, e.g. a plugin enabled after the last
/// <c>amigo db migrate</c> with migrations off at start-up, or a contributed report naming a view its plugin never created.
/// The endpoints and the CLI turn it into one clear message instead of a database error with a stack.
/// </summary>
public static class MissingReportFunction
{
    /// <summary>Whether <paramref name="exception"/> says the report's function does not exist (SQLSTATE 42883).</summary>
    public static bool Is(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UndefinedFunction };

    /// <summary>What the operator reads: the function, who should have created it and how.</summary>
    public static string Explain(ReportDefinition report)
    {
        var arguments = report.AsOfNow ? "academy, team, from, to, now" : "academy, team, from, to";
        return $"Report '{report.Name}' is not available: the SQL function {report.FunctionName}({arguments}) does not exist in the " +
               $"connector database. It is created by the migrations of {report.Owner}: run 'amigo db migrate' (or start the host with migrations on).";
    }
}
