namespace Amigo.Plugins.Reporting.Cli;

/// <summary><c>amigo report [NAME] --academy ID [--team N] [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--format table|csv|json] [--refresh]</c>.</summary>
public static class ReportCommand
{
    /// <summary>Builds the command; <paramref name="services"/> is the host's provider.</summary>
    public static Command Create(IServiceProvider services)
    {
        var name = new Argument<string?>("name")
        {
            Description = "Report to print; omit to list the reports. " + string.Join(", ", ReportCatalog.All.Select(r => r.Name)),
            Arity = ArgumentArity.ZeroOrOne,
        };
        var academy = new Option<string?>("--academy") { Description = "Academy id, or * for every academy." };
        var team = new Option<string?>("--team") { Description = "iTop id of one team." };
        var from = new Option<string?>("--from") { Description = "First day of the period (yyyy-MM-dd, inclusive)." };
        var to = new Option<string?>("--to") { Description = "Day after the period (yyyy-MM-dd, exclusive)." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var refresh = new Option<bool>("--refresh") { Description = "Refresh the materialized views first." };

        var command = new Command("report", "Print a reporting view from the connector database (never queries iTop).")
        {
            name, academy, team, from, to, format, refresh,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var reportName = parse.GetValue(name);
            if (string.IsNullOrWhiteSpace(reportName))
            {
                foreach (var item in ReportCatalog.All)
                    await output.WriteLineAsync($"{item.Name,-22} {item.ViewName,-30} {item.Description}");
                return 0;
            }
            var report = ReportCatalog.Find(reportName);
            if (report is null)
            {
                await error.WriteLineAsync($"Unknown report '{reportName}'. Reports: {string.Join(", ", ReportCatalog.All.Select(r => r.Name))}.");
                return 2;
            }
            var academyId = parse.GetValue(academy);
            if (string.IsNullOrWhiteSpace(academyId))
            {
                await error.WriteLineAsync("--academy is required (an academy id, or * for every academy).");
                return 2;
            }
            var (filter, problems) = ReportFilter.Parse(academyId == "*" ? null : academyId.Trim().ToLowerInvariant(),
                parse.GetValue(team), parse.GetValue(from), parse.GetValue(to));
            if (filter is null)
            {
                foreach (var problem in problems)
                    await error.WriteLineAsync(problem);
                return 2;
            }

            if (parse.GetValue(refresh))
                await services.GetRequiredService<MaterializedViewRefresher>().RefreshAsync(TimeSpan.Zero, cancellationToken);
            var result = await services.GetRequiredService<ReportRunner>().RunAsync(report, filter, cancellationToken);
            await output.WriteAsync(parse.GetValue(format) switch
            {
                "csv" => CsvFormatter.Format(result),
                "json" => JsonReportWriter.Format(result) + Environment.NewLine,
                _ => TextTableFormatter.Format(result),
            });
            return 0;
        });
        return command;
    }
}
