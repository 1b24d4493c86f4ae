using System.CommandLine;
using System.Text.Json;
using Amigo.Connector.Contracts.Academies;
using Amigo.Connector.Contracts.Jobs;
using Amigo.Plugins.Reassignment.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Amigo.Plugins.Reassignment.Cli;

/// <summary>
/// <c>amigo reassign --academy ID [--dry-run] [--json]</c>: the <c>reassign</c> job run now through the host's job runner
/// (its lock, its <c>job_runs</c> row, its exit codes: 0 succeeded, 6 partial, 1 failed, 3 unknown academy or plugin
/// disabled, 4 another run holds the lock, 5 database unreachable).
/// </summary>
public static class ReassignCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Builds the command; <paramref name="services"/> is the built host's provider.</summary>
    public static Command Create(IServiceProvider services)
    {
        var academyOption = new Option<string>("--academy") { Description = "Academy id (e.g. toulouse).", Required = true };
        var dryRunOption = new Option<bool>("--dry-run") { Description = "Decide and report; write nothing to iTop." };
        var jsonOption = new Option<bool>("--json") { Description = "Print the counts and decisions as JSON." };
        var command = new Command("reassign", "Re-dispatch tickets sent to the wrong team (rules of the academy's 'reassign' settings).")
        {
            academyOption, dryRunOption, jsonOption,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var dryRun = parse.GetValue(dryRunOption);
            var result = await services.GetRequiredService<IPluginJobInvoker>()
                .RunAsync(new PluginJobInvocation(parse.GetValue(academyOption)!, ReassignmentPlugin.PluginId, dryRun), cancellationToken);
            if (result.RunId is null)
            {
                var known = services.GetService<IAcademyRegistry>()?.All.Select(a => a.Id) ?? [];
                await error.WriteLineAsync($"{result.Error} Known academies: {string.Join(", ", known)}.");
                return result.ExitCode;
            }
            var decisions = result.Details as IReadOnlyList<ReassignmentDecision> ?? [];
            if (parse.GetValue(jsonOption))
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    academy = result.AcademyId, dryRun, runId = result.RunId, outcome = result.Outcome, counts = result.Counts, decisions,
                }, Json));
            else
            {
                foreach (var decision in decisions)
                    await output.WriteLineAsync($"{decision.TicketRef,-10} {decision.Outcome,-8} {decision.Action,-9} {decision.Reason ?? ""} {decision.FromTeam} -> {decision.ToTeam} {decision.Rule}".TrimEnd());
                await output.WriteLineAsync($"{result.AcademyId}{(dryRun ? " (dry run)" : "")}: {result.Summary ?? result.Error}");
            }
            if (result.Outcome is not ("succeeded" or "partial") && result.Error is { } problem) await error.WriteLineAsync(problem);
            return result.ExitCode;
        });
        return command;
    }
}
