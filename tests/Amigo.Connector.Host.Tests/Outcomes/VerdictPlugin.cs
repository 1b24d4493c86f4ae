namespace Amigo.Connector.Host.Tests.Outcomes;

/// <summary>Settings of <see cref="VerdictPlugin"/>: the status its job reports.</summary>
public sealed class VerdictSettings
{
    public JobStatus Status { get; set; } = JobStatus.Succeeded;
}

/// <summary>
/// A plugin whose job ends with the status its settings name, and whose own command (<c>amigo verdict</c>) runs the job
/// like every plugin command does: through <see cref="IPluginJobInvoker"/>.
/// </summary>
public sealed class VerdictPlugin : IConnectorPlugin
{
    public string Id => "verdict";
    public string Description => "Ends its job with a configured status (tests)";
    public Type? SettingsType => typeof(VerdictSettings);
    public IReadOnlyList<PluginJobDefinition> Jobs { get; } = [new("verdict", "Reports the configured status", null, typeof(VerdictJob))];
    public void ConfigureServices(IServiceCollection services) { }
    public void MapEndpoints(IEndpointRouteBuilder academyGroup) { }

    public IEnumerable<Command> CreateCommands(IServiceProvider services)
    {
        var academy = new Option<string>("--academy") { Required = true };
        var command = new Command("verdict", "Runs the verdict job") { academy };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await services.GetRequiredService<IPluginJobInvoker>()
                .RunAsync(new PluginJobInvocation(parse.GetValue(academy)!, "verdict", DryRun: false), cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{result.Outcome} {result.RunId}");
            return result.ExitCode;
        });
        return [command];
    }
}

public sealed class VerdictJob : IAcademyJob
{
    public Task<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        var status = context.Academy.GetPluginSettings<VerdictSettings>("verdict").Status;
        return Task.FromResult(new JobOutcome(new Dictionary<string, long> { ["done"] = 1, ["failed"] = status == JobStatus.Succeeded ? 0 : 1 },
            $"verdict {status}") { Status = status });
    }
}
