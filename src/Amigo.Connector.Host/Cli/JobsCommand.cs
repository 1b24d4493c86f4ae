namespace Amigo.Connector.Host.Cli;

/// <summary><c>amigo jobs list|run|runs</c>.</summary>
internal sealed class JobsCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var jobs = new Command("jobs", "Scheduled jobs: list, run by hand, recent runs");
        jobs.Subcommands.Add(List(context));
        jobs.Subcommands.Add(Run(context));
        jobs.Subcommands.Add(Runs(context));
        return jobs;
    }

    private static Command List(CliContext context)
    {
        var academyOption = new Option<string?>("--academy") { Description = "Only this academy" };
        var command = new Command("list", "List jobs per academy with their schedule and next run (academy time zone)") { academyOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = context.Services.GetRequiredService<ConnectorSettings>();
            var registry = context.Services.GetRequiredService<IAcademyRegistry>();
            var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var academyId = parse.GetValue(academyOption);
            var academies = academyId is null ? settings.Academies : settings.Find(academyId) is { } one ? [one] : [];
            if (academies.Count == 0) return context.Fail(ExitCodes.NotFound, $"Unknown academy '{academyId}'.");
            var rows = new List<(string Academy, string Job, string? Plugin, bool Available, string? Schedule, DateTimeOffset? Next, string Description)>();
            try
            {
                foreach (var academy in academies)
                    foreach (var job in settings.Jobs)
                    {
                        var available = job.PluginId is null || await registry.IsPluginEnabledAsync(academy.Id, job.PluginId, cancellationToken);
                        academy.Schedules.TryGetValue(job.Id, out var schedule);
                        var next = schedule is { Enabled: true } && available ? ScheduleCalculator.Next(schedule, academy.Context.TimeZone, now) : null;
                        rows.Add((academy.Id, job.Id, job.PluginId, available, schedule?.Expression, next is { } n ? TimeZoneInfo.ConvertTime(n, academy.Context.TimeZone) : null, job.Description));
                    }
            }
            catch (NpgsqlException exception)
            {
                return context.Fail(ExitCodes.DatabaseUnavailable, $"The database cannot be reached: {exception.Message}");
            }
            if (parse.GetValue(context.Json))
            {
                context.WriteJson(rows.Select(r => new { r.Academy, r.Job, r.Plugin, r.Available, r.Schedule, NextRun = r.Next, r.Description }));
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("Academy", "Job", "Plugin", "Enabled", "Schedule", "Next run (local)", "Description");
            foreach (var r in rows)
                table.AddRow(Markup.Escape(r.Academy), Markup.Escape(r.Job), Markup.Escape(r.Plugin ?? "host"), r.Available ? "yes" : "no",
                    Markup.Escape(r.Schedule ?? "by hand"), r.Next?.ToString("yyyy-MM-dd HH:mm zzz") ?? "-", Markup.Escape(r.Description));
            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Run(CliContext context)
    {
        var jobArgument = new Argument<string>("job") { Description = "Job id (see jobs list)" };
        var academyOption = new Option<string>("--academy") { Description = "Academy id", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Decide and report, write nothing to iTop" };
        var arguments = new Option<string[]>("--arg") { Description = "Job argument name=value (repeatable), e.g. --arg full=true", AllowMultipleArgumentsPerToken = false };
        var command = new Command("run", "Run a job now for one academy (skipped if another run holds its lock)") { jobArgument, academyOption, dryRun, arguments };
        command.SetAction((parse, cancellationToken) =>
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in parse.GetValue(arguments) ?? [])
            {
                var index = pair.IndexOf('=');
                if (index <= 0) return Task.FromResult(context.Fail(ExitCodes.InvalidConfiguration, $"--arg '{pair}' must be name=value."));
                values[pair[..index]] = pair[(index + 1)..];
            }
            var request = new JobRequest(parse.GetValue(academyOption)!, parse.GetValue(jobArgument)!, "cli", parse.GetValue(dryRun)) { Arguments = values };
            return JobCliRunner.RunAsync(context, [request], parse.GetValue(context.Json), cancellationToken);
        });
        return command;
    }

    private static Command Runs(CliContext context)
    {
        var academyOption = new Option<string?>("--academy") { Description = "Only this academy" };
        var jobOption = new Option<string?>("--job") { Description = "Only this job" };
        var limit = new Option<int>("--limit") { Description = "How many", DefaultValueFactory = _ => 20 };
        var command = new Command("runs", "Recent job runs, newest first") { academyOption, jobOption, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyList<JobRunRecord> runs;
            try
            {
                // Runs of processes that died are shown as abandoned, not as running for hours.
                await context.Services.GetRequiredService<JobRunStore>().MarkAbandonedAsync(cancellationToken: cancellationToken);
                runs = await context.Services.GetRequiredService<JobRunStore>().RecentAsync(parse.GetValue(academyOption), parse.GetValue(jobOption), parse.GetValue(limit), cancellationToken);
            }
            catch (NpgsqlException exception)
            {
                return context.Fail(ExitCodes.DatabaseUnavailable, $"The database cannot be reached: {exception.Message}");
            }
            if (parse.GetValue(context.Json))
            {
                context.WriteJson(runs);
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("Run", "Academy", "Job", "Trigger", "Host", "Started", "Ended", "Outcome", "Summary / error");
            foreach (var r in runs)
                table.AddRow(r.Id.ToString(), Markup.Escape(r.AcademyId), Markup.Escape(r.JobId), Markup.Escape(r.Trigger), Markup.Escape(r.HostName),
                    r.StartedAt.ToString("u"), r.EndedAt?.ToString("u") ?? "-", Markup.Escape(r.Outcome), Markup.Escape(r.Error ?? r.Summary ?? ""));
            context.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
