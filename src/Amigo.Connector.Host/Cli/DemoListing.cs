using System.CommandLine;
using Amigo.Connector.Host.Demo;

namespace Amigo.Connector.Host.Cli;

/// <summary>
/// Lists <c>demo</c> in <c>amigo --help</c>. The demo builds its own host, so <c>Program</c> runs it before the
/// configured host is built; this entry only catches <c>amigo --config FILE demo …</c>, where the demo comes second,
/// and hands it the arguments from <c>demo</c> on (the demo ignores the configuration file).
/// </summary>
internal sealed class DemoListing(string[] args) : ICliCommand
{
    public Command Create(CliContext context)
    {
        var command = new Command("demo", "Run the whole connector on three simulated iTops (no configuration needed; see amigo demo --help)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((_, cancellationToken) =>
            DemoCommand.RunAsync(args.SkipWhile(a => a != "demo").ToArray(), context.Output, context.Error, cancellationToken));
        return command;
    }
}
