namespace Amigo.Plugins.Retention.Cli;

/// <summary>
/// <c>amigo retention --academy ID [--dry-run] [--json]</c>: the <c>retention</c> job run now through the host's job runner
/// (its lock, its <c>job_runs</c> row, its exit codes); <c>amigo retention months --academy ID [--json]</c>: tickets
/// anonymised and deleted in iTop per month.
/// </summary>
public static class RetentionCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Builds the command; services are resolved when it runs.</summary>
    public static Command Create(IServiceProvider services)
    {
        var command = PluginJobCommand.Create(services, RetentionPlugin.PluginId,
            "Anonymise closed tickets past the retention period (and delete them in iTop when enabled).",
            "List what would change and save the selection a later deletion needs; write nothing.", "Print the outcome as JSON.", PrintAsync);

        var monthsAcademy = new Option<string>("--academy") { Description = "Academy id.", Required = true };
        var monthsJson = new Option<bool>("--json") { Description = "Print the months as JSON." };
        var months = new Command("months", "Tickets anonymised and deleted in iTop per month (academy time zone).") { monthsAcademy, monthsJson };
        months.SetAction((parse, cancellationToken) => MonthsAsync(services, parse.GetValue(monthsAcademy)!, parse.GetValue(monthsJson),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        command.Subcommands.Add(months);
        return command;
    }

    private static async Task PrintAsync(PluginJobPrint run)
    {
        var (result, output) = (run.Result, run.Output);
        var report = result.Details as RetentionReport;
        if (run.Json)
        {
            await run.WriteJsonAsync(new { cutoff = report?.Cutoff, selectionId = report?.SelectionId, tickets = report?.Tickets ?? [] });
            return;
        }
        foreach (var ticket in report?.Tickets ?? [])
            await output.WriteLineAsync($"{ticket.Ref,-10} {ticket.Action,-9} {ticket.Outcome,-9} {ticket.Reason,-28} closed {ticket.CloseDate:yyyy-MM-dd}");
        await output.WriteLineAsync($"{result.AcademyId}: {result.Outcome}: {result.Summary ?? result.Error}");
    }

    private static async Task<int> MonthsAsync(IServiceProvider services, string academyId, bool json, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<IAcademyRegistry>();
        var academy = registry.Find(academyId.Trim().ToLowerInvariant());
        if (academy is null || !await registry.IsPluginEnabledAsync(academy.Id, RetentionPlugin.PluginId, cancellationToken))
        {
            await error.WriteLineAsync($"Unknown academy '{academyId}' or plugin retention disabled for it. Known academies: {string.Join(", ", registry.All.Select(a => a.Id))}.");
            return JobExitCodes.NotFound;
        }
        var rows = await services.GetRequiredService<RetentionStore>().MonthlyAsync(academy.Id, cancellationToken);
        if (json) await output.WriteLineAsync(JsonSerializer.Serialize(new { academy = academy.Id, months = rows }, Json));
        else
        {
            await output.WriteLineAsync("month    anonymised  deleted_in_itop");
            foreach (var row in rows) await output.WriteLineAsync($"{row.Month:yyyy-MM} {row.Anonymised,11} {row.DeletedInITop,16}");
        }
        return JobExitCodes.Succeeded;
    }
}
