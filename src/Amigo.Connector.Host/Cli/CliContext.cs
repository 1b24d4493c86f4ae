namespace Amigo.Connector.Host.Cli;

/// <summary>What a command needs: the host (built on first use, not started), the shared options and the output.</summary>
public sealed class CliContext
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly CliHost _host;

    internal CliContext(CliHost host, Option<bool> json, TextWriter output, TextWriter error)
    {
        (_host, Json, Output, Error) = (host, json, output, error);
        Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
    }

    /// <summary>
    /// The host (services built, not started; <c>serve</c> runs it). Built on first access, which reads and validates
    /// the configuration (throws <see cref="Configuration.ConnectorConfigurationException"/>, reported by the CLI).
    /// </summary>
    public WebApplication App => _host.App;

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>The global <c>--json</c> option.</summary>
    public Option<bool> Json { get; }

    /// <summary>Standard output.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Tables and progress bars on <see cref="Output"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Writes <paramref name="value"/> as indented JSON (camelCase) on standard output.</summary>
    public void WriteJson(object? value) => Output.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>Writes an error line on standard error and returns <paramref name="exitCode"/>.</summary>
    public int Fail(int exitCode, string message)
    {
        Error.WriteLine(message);
        return exitCode;
    }
}

/// <summary>One top-level <c>amigo</c> command, registered in <see cref="ConnectorCli.Commands"/>.</summary>
public interface ICliCommand
{
    /// <summary>Creates the command and its sub-commands.</summary>
    Command Create(CliContext context);
}
