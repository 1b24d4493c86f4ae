namespace Amigo.Connector.Host.Cli;

/// <summary>
/// The <c>amigo</c> command line: the host commands of <see cref="Commands"/>, then each plugin's commands. Without a
/// command it serves (HTTP API and scheduler). Plugins are loaded before parsing so their commands can be parsed; the
/// host (configuration, database, iTop clients) is built only by the action of a command that uses it.
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
        new CheckCommand(),
        new ProbeCommand(),
    ];

    /// <summary>
    /// Runs the command line; returns the process exit code (see <see cref="ExitCodes"/>). The command line is parsed
    /// before any configuration is read: <c>--help</c>, <c>--version</c> and argument errors work without one, and the
    /// host is built inside the action of the command that needs it.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, Action<ConnectorHostOptions>? configure = null, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var options = new ConnectorHostOptions { ConfigFile = FindOption(args, "--config") };
        configure?.Invoke(options);
        options.Plugins = PluginPreload.Load(options);

        await using var host = new CliHost(options, error);
        var json = new Option<bool>("--json") { Description = "Machine-readable JSON output", Recursive = true };
        var config = new Option<string?>("--config") { Description = "Configuration file (JSON)", Recursive = true };
        var context = new CliContext(host, json, output, error);
        var root = new RootCommand("Amigo connector: iTop academies, plugins, scheduled jobs, HTTP API.");
        root.Options.Add(json);
        root.Options.Add(config);
        foreach (var command in Commands) root.Subcommands.Add(command.Create(context));
        foreach (var plugin in options.Plugins.Catalog.Plugins)
        {
            try
            {
                foreach (var command in plugin.Plugin.CreateCommands(host.DeferredServices)) root.Subcommands.Add(command);
            }
            catch (Exception exception)
            {
                await error.WriteLineAsync($"Plugin '{plugin.Id}' could not create its commands: {exception.Message}");
            }
        }
        root.SetAction((parseResult, cancellationToken) => ServeCommand.ServeAsync(context, cancellationToken));

        var parsed = root.Parse(args);
        host.Serving = parsed.CommandResult.Command == root || parsed.CommandResult.Command.Name == "serve";
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (ConnectorConfigurationException exception)
        {
            // Thrown by the first service a command asks for: the configuration is read only then.
            await error.WriteLineAsync(exception.Message);
            return ExitCodes.InvalidConfiguration;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await error.WriteLineAsync($"Unhandled exception: {exception}");
            return ExitCodes.Failed;
        }
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
