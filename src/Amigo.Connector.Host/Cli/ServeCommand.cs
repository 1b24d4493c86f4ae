using System.CommandLine;
using Microsoft.AspNetCore.Builder;

namespace Amigo.Connector.Host.Cli;

/// <summary><c>amigo serve</c> (the default): the HTTP API and the scheduler until stopped.</summary>
internal sealed class ServeCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var command = new Command("serve", "Serve the HTTP API and run scheduled jobs (the default command)");
        command.SetAction((_, cancellationToken) => ServeAsync(context, cancellationToken));
        return command;
    }

    internal static async Task<int> ServeAsync(CliContext context, CancellationToken cancellationToken)
    {
        await context.App.RunAsync();
        return ExitCodes.Success;
    }
}
