namespace Amigo.Connector.Contracts.Jobs;

/// <summary>How a plugin's job command prints a finished run.</summary>
/// <param name="Result">The run.</param>
/// <param name="DryRun">Whether <c>--dry-run</c> was given.</param>
/// <param name="Json">Whether <c>--json</c> was given.</param>
/// <param name="Output">Standard output.</param>
public sealed record PluginJobPrint(PluginJobResult Result, bool DryRun, bool Json, TextWriter Output)
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>
    /// Writes the run as one indented JSON object: what every job command prints (<c>academy</c>, <c>dryRun</c>,
    /// <c>runId</c>, <c>outcome</c>, <c>summary</c>, <c>error</c>, <c>counts</c>) followed by the job's own properties.
    /// </summary>
    /// <param name="details">An object whose properties are added after the common ones (camelCase), e.g. <c>new { decisions }</c>.</param>
    public Task WriteJsonAsync(object? details = null)
    {
        var json = new JsonObject
        {
            ["academy"] = Result.AcademyId,
            ["dryRun"] = DryRun,
            ["runId"] = Result.RunId,
            ["outcome"] = Result.Outcome,
            ["summary"] = Result.Summary,
            ["error"] = Result.Error,
            ["counts"] = JsonSerializer.SerializeToNode(Result.Counts, Indented),
        };
        if (details is not null && JsonSerializer.SerializeToNode(details, details.GetType(), Indented) is JsonObject extra)
            foreach (var (name, value) in extra.ToList())
            {
                extra.Remove(name);
                json[name] = value;
            }
        return Output.WriteLineAsync(json.ToJsonString(Indented));
    }
}

/// <summary>
/// <c>amigo {plugin} --academy ID [--dry-run] [--json]</c>: the plugin's job run now through <see cref="IPluginJobInvoker"/>
/// (the host's academy and enabled checks, lock, <c>job_runs</c> row and exit codes). A refused run prints its reason
/// with the known academies; a finished one is printed by the plugin; a failure's error goes to standard error.
/// </summary>
public static class PluginJobCommand
{
    /// <summary>Builds the command; services are resolved when it runs.</summary>
    /// <param name="services">The built host's provider.</param>
    /// <param name="jobId">The job (and command) name, e.g. <c>autoclose</c>.</param>
    /// <param name="description">The command's one-line help.</param>
    /// <param name="dryRunDescription">What <c>--dry-run</c> does for this job.</param>
    /// <param name="jsonDescription">What <c>--json</c> prints.</param>
    /// <param name="print">Prints a run that started (in JSON when <see cref="PluginJobPrint.Json"/>).</param>
    public static Command Create(IServiceProvider services, string jobId, string description, string dryRunDescription, string jsonDescription,
        Func<PluginJobPrint, Task> print)
    {
        var academyOption = new Option<string>("--academy") { Description = "Academy id (e.g. toulouse).", Required = true };
        var dryRunOption = new Option<bool>("--dry-run") { Description = dryRunDescription };
        var jsonOption = new Option<bool>("--json") { Description = jsonDescription };
        var command = new Command(jobId, description) { academyOption, dryRunOption, jsonOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var dryRun = parse.GetValue(dryRunOption);
            var result = await services.GetRequiredService<IPluginJobInvoker>()
                .RunAsync(new PluginJobInvocation(parse.GetValue(academyOption)!, jobId, dryRun), cancellationToken);
            if (result.RunId is null)
            {
                var known = services.GetService<IAcademyRegistry>()?.All.Select(a => a.Id) ?? [];
                await error.WriteLineAsync($"{result.Error} Known academies: {string.Join(", ", known)}.");
                return result.ExitCode;
            }
            await print(new PluginJobPrint(result, dryRun, parse.GetValue(jsonOption), parse.InvocationConfiguration.Output));
            if (result.Outcome is not ("succeeded" or "partial") && result.Error is { } problem) await error.WriteLineAsync(problem);
            return result.ExitCode;
        });
        return command;
    }
}
