namespace Amigo.Plugins.AutoClose.Cli;

/// <summary>
/// <c>amigo autoclose --academy ID [--dry-run] [--json]</c>: the <c>autoclose</c> job run now through the host's job
/// runner (its lock, its <c>job_runs</c> row, its exit codes: 0 succeeded, 6 partial, 1 failed, 3 unknown academy or
/// plugin disabled, 4 another run holds the lock, 5 database unreachable).
/// </summary>
public static class AutoCloseCommand
{
    /// <summary>Builds the command; services are resolved when it runs.</summary>
    public static Command Create(IServiceProvider services) =>
        PluginJobCommand.Create(services, AutoClosePlugin.PluginId, "Close resolved requests whose auto-close delay has passed.",
            "Decide and report; write nothing to iTop.", "Print the outcome as JSON.", run => PrintAsync(services, run));

    private static async Task PrintAsync(IServiceProvider services, PluginJobPrint run)
    {
        var (result, output) = (run.Result, run.Output);
        var decisions = result.Details as IReadOnlyList<DecisionReport> ?? [];
        if (run.Json)
        {
            await run.WriteJsonAsync(new { decisions });
            return;
        }
        var zone = services.GetService<IAcademyRegistry>()?.Find(result.AcademyId)?.TimeZone ?? TimeZoneInfo.Utc;
        foreach (var decision in decisions)
        {
            var due = decision.DueAt is { } at ? TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm") : "-";
            await output.WriteLineAsync($"{decision.Ref,-10} {decision.Action,-6} {decision.Outcome,-9} {decision.Reason,-28} due {due}  {decision.Detail}");
        }
        await output.WriteLineAsync($"{result.AcademyId}: {result.Outcome}: {result.Summary ?? result.Error}");
    }
}
