namespace Amigo.Connector.Demo;

/// <summary>
/// <c>amigo-demo [--port N] [--database CONNECTION] [--no-serve] [--urls URLS]</c>: the demo's own program, outside the
/// production <c>amigo</c> (which carries no simulation). It builds its host itself, from no configuration.
/// </summary>
public static class DemoCommand
{
    /// <summary>Parses the demo's options (the arguments after the program name) and runs it; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        error ??= Console.Error;
        var port = new Option<int>("--port") { Description = "Loopback port of the HTTP API and dashboard", DefaultValueFactory = _ => 5080 };
        var database = new Option<string?>("--database") { Description = "PostgreSQL connection string (default: AMIGO_PG, else the private cluster of scripts/ensure-postgres.sh)" };
        var noServe = new Option<bool>("--no-serve") { Description = "Exit after the steps instead of serving until Ctrl-C" };
        var urls = new Option<string?>("--urls") { Description = "Listen on these addresses instead of http://127.0.0.1:PORT (e.g. http://0.0.0.0:8080 in a container)" };
        var root = new RootCommand("amigo-demo: the whole connector on three simulated iTops: sync, catalogue search, auto-close, reassignment, reports.")
        {
            port, database, noServe, urls,
        };
        root.SetAction(async (parse, token) =>
        {
            var options = new DemoOptions { Port = parse.GetValue(port), Database = parse.GetValue(database), Serve = !parse.GetValue(noServe), Urls = parse.GetValue(urls) };
            if (options.Port is < 0 or > 65535) return Fail(error, ExitCodes.InvalidConfiguration, $"--port {options.Port.ToString(CultureInfo.InvariantCulture)}: not a port.");
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            // Redirected output (CI, a file, a test) gets whole lines instead of lines cut at 80 columns.
            if (!console.Profile.Capabilities.Interactive) console.Profile.Width = 400;
            try
            {
                var report = await new DemoRunner(options, console).RunAsync(token);
                return report.Jobs.All(j => j.Outcome == Amigo.Connector.Data.JobRunOutcomes.Succeeded) ? ExitCodes.Success : ExitCodes.Failed;
            }
            catch (DemoException exception)
            {
                return Fail(error, ExitCodes.DatabaseUnavailable, exception.Message);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }
        });
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private static int Fail(TextWriter error, int code, string message)
    {
        error.WriteLine(message);
        return code;
    }
}
