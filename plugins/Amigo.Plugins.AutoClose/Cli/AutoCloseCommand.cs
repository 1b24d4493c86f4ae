using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amigo.Connector.Contracts.Academies;
using Amigo.Connector.Contracts.Audit;
using Amigo.Connector.Contracts.Plugins;
using Amigo.Plugins.AutoClose.Data;
using Amigo.Plugins.AutoClose.Decisions;
using Amigo.Plugins.AutoClose.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Amigo.Plugins.AutoClose.Cli;

/// <summary><c>amigo autoclose --academy ID [--dry-run] [--json]</c>.</summary>
public static class AutoCloseCommand
{
    /// <summary>Exit code: done, nothing failed.</summary>
    public const int Ok = 0;
    /// <summary>Exit code: the run finished but some tickets failed.</summary>
    public const int SomeFailed = 1;
    /// <summary>Exit code: bad input (unknown academy, plugin disabled, invalid settings, lock held); nothing written.</summary>
    public const int Refused = 2;

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
        var registry = services.GetRequiredService<IAcademyRegistry>();
        var academy = registry.Find(academyId.Trim().ToLowerInvariant());
        if (academy is null)
        {
            await error.WriteLineAsync($"Unknown academy '{academyId}'. Known: {string.Join(", ", registry.All.Select(a => a.Id))}.");
            return Refused;
        }
        if (!dryRun && !await registry.IsPluginEnabledAsync(academy.Id, AutoClosePlugin.PluginId, cancellationToken))
        {
            await error.WriteLineAsync($"The autoclose plugin is not enabled for academy '{academy.Id}' (use --dry-run to see what it would do).");
            return Refused;
        }

        var store = services.GetService<IAutoCloseStore>() ?? new PostgresAutoCloseStore(services.GetRequiredService<IConnectorDatabase>());
        var audit = services.GetRequiredService<IAuditLog>();
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(AutoCloseCommand).FullName!) ?? NullLogger.Instance;
        var runs = services.GetService<IConnectorDatabase>() is { } database ? new CliJobRuns(database, time) : null;

        long? runId = runs is null ? null : await runs.StartAsync(academy.Id, dryRun, cancellationToken);
        AutoCloseReport report;
        try
        {
            report = await new AutoCloseRunner(academy, store, audit, time, logger)
                .RunAsync(new AutoCloseRunOptions(dryRun, runId), cancellationToken);
        }
        catch (AutoCloseConfigurationException invalid)
        {
            if (runs is not null && runId is { } id) await runs.EndAsync(id, "failed", null, invalid.Message, CancellationToken.None);
            foreach (var problem in invalid.Problems) await error.WriteLineAsync(problem);
            return Refused;
        }
        catch (Exception failure) when (runs is not null && runId is not null)
        {
            await runs.EndAsync(runId.Value, cancellationToken.IsCancellationRequested ? "cancelled" : "failed", null, failure.Message, CancellationToken.None);
            throw;
        }
        if (runs is not null && runId is { } runIdValue)
            await runs.EndAsync(runIdValue, report.NotRunReason is null ? "succeeded" : "skipped-locked", report, null, cancellationToken);

        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                academy = academy.Id,
                dryRun,
                runId,
                summary = report.Summary(),
                counts = report.Counts,
                decisions = report.Decisions,
            }, Json));
        }
        else
        {
            foreach (var decision in report.Decisions)
            {
                var due = decision.DueAt is { } at ? TimeZoneInfo.ConvertTime(at, academy.TimeZone).ToString("yyyy-MM-dd HH:mm") : "-";
                await output.WriteLineAsync($"{decision.Ref,-10} {decision.Action,-6} {decision.Outcome,-9} {decision.Reason,-28} due {due}  {decision.Detail}");
            }
            await output.WriteLineAsync($"{academy.Id}: {report.Summary()}");
        }
        if (report.NotRunReason is not null) return Refused;
        return report["failed"] > 0 ? SomeFailed : Ok;
    }
}
