using System.CommandLine;
using Amigo.Connector.Host.Configuration;
using Amigo.Connector.Host.Hosting;
using Amigo.Connector.Host.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Amigo.Connector.Host.Cli;

/// <summary>
/// The <c>amigo</c> command line: the host commands of <see cref="Commands"/>, then each plugin's commands. Without a
/// command it serves (HTTP API and scheduler). The host is built once, before parsing, so plugin commands can be listed.
/// </summary>
public static class ConnectorCli
{
    /// <summary>The host's commands; add one by adding a small <see cref="ICliCommand"/> class here.</summary>
    public static IReadOnlyList<ICliCommand> Commands { get; } =
    [
        new ServeCommand(),
        new DbCommand(),
        new AcademiesCommand(),
        new PluginsCommand(),
        new SyncCommand(),
        new JobsCommand(),
    ];

    /// <summary>Runs the command line; returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, Action<ConnectorHostOptions>? configure = null, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var options = new ConnectorHostOptions { ConfigFile = FindOption(args, "--config") };
        configure?.Invoke(options);
        var serving = IsServe(args);
        if (!serving)
        {
            // Commands print their results on stdout: logs go to stderr, warnings and errors only.
            var previous = options.ConfigureServices;
            options.ConfigureServices = services =>
            {
                services.AddLogging(logging => logging.ClearProviders()
                    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
                    .SetMinimumLevel(LogLevel.Warning));
                previous?.Invoke(services);
            };
        }

        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = ConnectorApplication.Build([], options);
        }
        catch (ConnectorConfigurationException exception)
        {
            await error.WriteLineAsync(exception.Message);
            return ExitCodes.InvalidConfiguration;
        }

        await using (app)
        {
            if (!serving) ReportPluginFailures(app.Services, error);
            var json = new Option<bool>("--json") { Description = "Machine-readable JSON output", Recursive = true };
            var config = new Option<string?>("--config") { Description = "Configuration file (JSON)", Recursive = true };
            var context = new CliContext(app, json, output, error);
            var root = new RootCommand("Amigo connector: iTop academies, plugins, scheduled jobs, HTTP API.");
            root.Options.Add(json);
            root.Options.Add(config);
            foreach (var command in Commands) root.Subcommands.Add(command.Create(context));
            root.Subcommands.Add(new DemoListing(args).Create(context));
            foreach (var plugin in app.Services.GetRequiredService<PluginCatalog>().Plugins)
            {
                try
                {
                    foreach (var command in plugin.Plugin.CreateCommands(app.Services)) root.Subcommands.Add(command);
                }
                catch (Exception exception)
                {
                    await error.WriteLineAsync($"Plugin '{plugin.Id}' could not create its commands: {exception.Message}");
                }
            }
            root.SetAction((parseResult, cancellationToken) => ServeCommand.ServeAsync(context, cancellationToken));
            var parsed = root.Parse(args);
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        }
    }

    private static void ReportPluginFailures(IServiceProvider services, TextWriter error)
    {
        foreach (var failure in services.GetRequiredService<PluginCatalog>().Failures)
            error.WriteLine($"warning: plugin {failure.PluginId ?? "?"} from {failure.Source} skipped ({failure.Stage} failed): {failure.Error}");
    }

    private static bool IsServe(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config") { i++; continue; }
            if (args[i].StartsWith('-')) continue;
            return args[i] == "serve";
        }
        return !args.Any(a => a is "-h" or "--help" or "-?" or "--version");
    }

    internal static string? FindOption(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length) return args[i + 1];
            if (args[i].StartsWith(name + "=", StringComparison.Ordinal)) return args[i][(name.Length + 1)..];
        }
        return null;
    }
}
