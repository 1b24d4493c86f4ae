namespace Amigo.Connector.Host.Cli;

/// <summary><c>amigo sync [--academy ID] [--full]</c>: the sync job, for one academy or each in turn.</summary>
internal sealed class SyncCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var academy = new Option<string?>("--academy") { Description = "Only this academy (default: every academy)" };
        var full = new Option<bool>("--full") { Description = "Read everything (and reconcile deletions) instead of what changed" };
        var command = new Command("sync", "Copy academies' iTop data into PostgreSQL now") { academy, full };
        command.SetAction((parse, cancellationToken) =>
        {
            var settings = context.Services.GetRequiredService<ConnectorSettings>();
            var academyId = parse.GetValue(academy);
            var targets = academyId is null ? settings.Academies : settings.Find(academyId) is { } one ? [one] : [];
            if (targets.Count == 0) return Task.FromResult(context.Fail(ExitCodes.NotFound, $"Unknown academy '{academyId}'."));
            var arguments = new Dictionary<string, string> { ["full"] = parse.GetValue(full) ? "true" : "false" };
            var requests = targets.Select(a => new JobRequest(a.Id, SyncJob.JobId, "cli") { Arguments = arguments }).ToList();
            return JobCliRunner.RunAsync(context, requests, parse.GetValue(context.Json), cancellationToken);
        });
        return command;
    }
}
