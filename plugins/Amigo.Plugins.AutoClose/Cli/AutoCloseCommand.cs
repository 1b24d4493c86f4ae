using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amigo.Connector.Contracts.Academies;
using Amigo.Connector.Contracts.Jobs;
using Amigo.Plugins.AutoClose.Running;
using Microsoft.Extensions.DependencyInjection;

namespace Amigo.Plugins.AutoClose.Cli;

/// <summary>
/// <c>amigo autoclose --academy ID [--dry-run] [--json]</c>: the <c>autoclose</c> job run now through the host's job
/// runner (its lock, its <c>job_runs</c> row, its exit codes: 0 succeeded, 6 partial, 1 failed, 3 unknown academy or
/// plugin disabled, 4 another run holds the lock, 5 database unreachable).
/// </summary>
public static class AutoCloseCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Builds the command; services are resolved when it runs.</summary>
    public static Command Create(IServiceProvider services)
    {
        var academyOption = new Option<string>("--academy") { Description = "Academy id (e.g. toulouse).", Required = true };
        var dryRunOption = new Option<bool>("--dry-run") { Description = "Decide and report; write nothing to iTop." };
        var jsonOption = new Option<bool>("--json") { Description = "Print the outcome as JSON." };
        var command = new Command(AutoClosePlugin.PluginId, "Close resolved requests whose auto-close delay has passed.")
        {
            academyOption, dryRunOption, jsonOption,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(services,
            parse.GetValue(academyOption)!, parse.GetValue(dryRunOption), parse.GetValue(jsonOption),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string academyId, bool dryRun, bool json,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var invoker = services.GetRequiredService<IPluginJobInvoker>();
        var result = await invoker.RunAsync(new PluginJobInvocation(academyId, AutoClosePlugin.PluginId, dryRun), cancellationToken);
        if (result.RunId is null)
        {
            var known = services.GetService<IAcademyRegistry>()?.All.Select(a => a.Id) ?? [];
            await error.WriteLineAsync($"{result.Error} Known academies: {string.Join(", ", known)}.");
            return result.ExitCode;
        }

        var decisions = result.Details as IReadOnlyList<DecisionReport> ?? [];
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                academy = result.AcademyId,
                dryRun,
                runId = result.RunId,
                outcome = result.Outcome,
                summary = result.Summary,
                error = result.Error,
                counts = result.Counts,
                decisions,
            }, Json));
        }
        else
        {
            var zone = services.GetService<IAcademyRegistry>()?.Find(result.AcademyId)?.TimeZone ?? TimeZoneInfo.Utc;
            foreach (var decision in decisions)
            {
                var due = decision.DueAt is { } at ? TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm") : "-";
                await output.WriteLineAsync($"{decision.Ref,-10} {decision.Action,-6} {decision.Outcome,-9} {decision.Reason,-28} due {due}  {decision.Detail}");
            }
            await output.WriteLineAsync($"{result.AcademyId}: {result.Outcome}: {result.Summary ?? result.Error}");
        }
        if (result.Outcome is not ("succeeded" or "partial") && result.Error is { } problem) await error.WriteLineAsync(problem);
        return result.ExitCode;
    }
}
