namespace Amigo.Connector.Host.Cli;

/// <summary>Runs jobs from the CLI through the same <see cref="JobRunner"/> as the scheduler, with progress bars in a terminal.</summary>
internal static class JobCliRunner
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<JobRequest> requests, bool json, CancellationToken cancellationToken)
    {
        var runner = context.Services.GetRequiredService<JobRunner>();
        var results = new List<JobRunResult>();
        var exitCode = ExitCodes.Success;
        try
        {
            if (json || !context.Console.Profile.Capabilities.Interactive)
            {
                foreach (var request in requests) results.Add(await runner.RunAsync(request, cancellationToken));
            }
            else
            {
                await context.Console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                    .StartAsync(async progress =>
                    {
                        foreach (var request in requests)
                        {
                            var task = progress.AddTask(Markup.Escape($"{request.AcademyId} {request.JobId}"));
                            task.IsIndeterminate = true;
                            var sink = new Progress<JobProgress>(p =>
                            {
                                task.Description = Markup.Escape($"{request.AcademyId} {request.JobId}: {p.Step} {p.Done}{(p.Total is { } t ? $"/{t}" : "")}");
                                if (p.Total is { } total and > 0)
                                {
                                    task.IsIndeterminate = false;
                                    task.MaxValue = total;
                                    task.Value = Math.Min(p.Done, total);
                                }
                            });
                            var result = await runner.RunAsync(request with { Progress = sink }, cancellationToken);
                            task.IsIndeterminate = false;
                            task.Value = task.MaxValue;
                            results.Add(result);
                        }
                    });
            }
        }
        catch (JobNotAvailableException exception)
        {
            exitCode = context.Fail(ExitCodes.NotFound, exception.Message);
        }
        catch (NpgsqlException exception)
        {
            exitCode = context.Fail(ExitCodes.DatabaseUnavailable, $"The database cannot be reached: {exception.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            exitCode = context.Fail(ExitCodes.Cancelled, "Interrupted.");
        }

        if (json) context.WriteJson(results);
        else
            foreach (var result in results)
            {
                var colour = result.Outcome == JobRunOutcomes.Succeeded ? "green" : result.Outcome is JobRunOutcomes.SkippedLocked or JobRunOutcomes.Partial ? "yellow" : "red";
                context.Console.MarkupLineInterpolated($"[{colour}]{result.Outcome}[/] {result.AcademyId} {result.JobId} (run {result.RunId}): {result.Summary ?? result.Error ?? ""}");
                if (result.Counts.Count > 0)
                    context.Console.MarkupLineInterpolated($"  {string.Join(", ", result.Counts.Select(c => $"{c.Key}={c.Value}"))}");
            }
        return exitCode != ExitCodes.Success ? exitCode : Worst(results);
    }

    private static int Worst(IEnumerable<JobRunResult> results) => ExitCodes.Worst(results.Select(r => ExitCodes.ForOutcome(r.Outcome)));
}
