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
        // Checked before the host starts: a database that is down is one line and exit code 5, not a stack trace.
        var settings = context.Services.GetRequiredService<ConnectorSettings>();
        var problem = await DatabaseWait.ProblemAsync(context.Services.GetRequiredService<IConnectorDatabase>(), settings.Options.Database.WaitOnStart,
            context.Services.GetRequiredService<TimeProvider>(), context.Error, cancellationToken);
        if (problem is not null) return context.Fail(ExitCodes.DatabaseUnavailable, problem);
        try
        {
            await context.App.RunAsync();
        }
        catch (NpgsqlException exception)
        {
            // The database went away between the check and the start-up (migrations, academies).
            return context.Fail(ExitCodes.DatabaseUnavailable, $"The database cannot be reached: {exception.Message}");
        }
        return ExitCodes.Success;
    }
}
