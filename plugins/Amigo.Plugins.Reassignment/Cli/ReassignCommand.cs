namespace Amigo.Plugins.Reassignment.Cli;

/// <summary>
/// <c>amigo reassign --academy ID [--dry-run] [--json]</c>: the <c>reassign</c> job run now through the host's job runner
/// (its lock, its <c>job_runs</c> row, its exit codes: 0 succeeded, 6 partial, 1 failed, 3 unknown academy or plugin
/// disabled, 4 another run holds the lock, 5 database unreachable).
/// </summary>
public static class ReassignCommand
{
    /// <summary>Builds the command; <paramref name="services"/> is the built host's provider.</summary>
    public static Command Create(IServiceProvider services) =>
        PluginJobCommand.Create(services, ReassignmentPlugin.PluginId,
            "Re-dispatch tickets sent to the wrong team (rules of the academy's 'reassign' settings).",
            "Decide and report; write nothing to iTop.", "Print the counts and decisions as JSON.", PrintAsync);

    private static async Task PrintAsync(PluginJobPrint run)
    {
        var (result, output) = (run.Result, run.Output);
        var decisions = result.Details as IReadOnlyList<ReassignmentDecision> ?? [];
        if (run.Json)
        {
            await run.WriteJsonAsync(new { decisions });
            return;
        }
        foreach (var decision in decisions)
            await output.WriteLineAsync($"{decision.TicketRef,-10} {decision.Outcome,-8} {decision.Action,-9} {decision.Reason ?? ""} {decision.FromTeam} -> {decision.ToTeam} {decision.Rule}".TrimEnd());
        await output.WriteLineAsync($"{result.AcademyId}{(run.DryRun ? " (dry run)" : "")}: {result.Summary ?? result.Error}");
    }
}
