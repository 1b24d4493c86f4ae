namespace Amigo.Connector.Host.Cli;

/// <summary>
/// <c>amigo check [--academy ID] [--json]</c>: the preflight an admin runs before enabling anything (read-only). One
/// line per check: ✓ proven, ! worth a look, ✗ blocking (with the fix), - not run. Exit 1 when a line is ✗.
/// </summary>
internal sealed class CheckCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var academy = new Option<string?>("--academy") { Description = "Only this academy (default: every academy)" };
        var command = new Command("check", "Check each academy's iTop before enabling anything: credentials, rights, attributes, lifecycle, time zone, sync window (read-only)")
        {
            academy,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = context.Services.GetRequiredService<ConnectorSettings>();
            var academyId = parse.GetValue(academy);
            var targets = academyId is null ? settings.Academies : settings.Find(academyId) is { } one ? [one] : [];
            if (targets.Count == 0) return context.Fail(ExitCodes.NotFound, $"Unknown academy '{academyId}'.");
            var results = await context.Services.GetRequiredService<AcademyCheck>().RunAsync(targets, cancellationToken);
            if (parse.GetValue(context.Json))
                context.WriteJson(new { ready = results.All(r => r.Ready), academies = results, notes = AcademyCheck.Notes });
            else
                Print(context.Output, results);
            return results.All(r => r.Ready) ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    private static void Print(TextWriter output, IEnumerable<AcademyCheckResult> results)
    {
        foreach (var result in results)
        {
            output.WriteLine($"{result.Academy} ({result.Url}): {(result.Ready ? "ready" : "NOT READY")}");
            foreach (var line in result.Lines)
            {
                output.WriteLine($"  {line.Mark} {line.Check}: {line.Detail}");
                if (line.Fix is not null && line.Outcome is CheckOutcome.Failed or CheckOutcome.Warning) output.WriteLine($"      fix: {line.Fix}");
            }
        }
        output.WriteLine();
        foreach (var note in AcademyCheck.Notes) output.WriteLine($"note: {note}");
    }
}
