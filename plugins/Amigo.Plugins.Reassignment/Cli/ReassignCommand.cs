using System.CommandLine;
using System.Text.Json;
using Amigo.Connector.Contracts.Academies;
using Amigo.Plugins.Reassignment.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Amigo.Plugins.Reassignment.Cli;

/// <summary><c>amigo reassign --academy ID [--dry-run] [--json]</c>: one reassignment pass from the command line.</summary>
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
            var academyId = parse.GetValue(academyOption)!.Trim().ToLowerInvariant();
            var registry = services.GetRequiredService<IAcademyRegistry>();
            var academy = registry.Find(academyId);
            if (academy is null)
            {
                await error.WriteLineAsync($"Unknown academy '{academyId}'. Known: {string.Join(", ", registry.All.Select(a => a.Id))}.");
                return 2;
            }
            if (!await registry.IsPluginEnabledAsync(academy.Id, ReassignmentPlugin.PluginId, cancellationToken))
            {
                await error.WriteLineAsync($"Plugin '{ReassignmentPlugin.PluginId}' is not enabled for academy '{academy.Id}'.");
                return 3;
            }
            var dryRun = parse.GetValue(dryRunOption);
            await using var scope = services.CreateAsyncScope();
            var runner = scope.ServiceProvider.GetRequiredService<ReassignmentRunner>();
            var report = await runner.RunAsync(academy, dryRun, null, null, cancellationToken);
            if (parse.GetValue(jsonOption))
                await output.WriteLineAsync(JsonSerializer.Serialize(new { academy = academy.Id, dryRun, counts = report.Counts, decisions = report.Decisions }, Json));
            else
            {
                foreach (var decision in report.Decisions)
                    await output.WriteLineAsync($"{decision.TicketRef,-10} {decision.Outcome,-8} {decision.Action,-9} {decision.Reason ?? ""} {decision.FromTeam} -> {decision.ToTeam} {decision.Rule}".TrimEnd());
                await output.WriteLineAsync($"{academy.Id}{(dryRun ? " (dry run)" : "")}: {report.Summary()}");
            }
            return report.Counts.Keys.Any(key => key.StartsWith("failed.", StringComparison.Ordinal)) ? 1 : 0;
        });
        return command;
    }
}
