namespace Amigo.Connector.Host.Cli;

/// <summary><c>amigo db migrate|status</c>.</summary>
internal sealed class DbCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var migrate = new Command("migrate", "Apply pending database migrations");
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            var runner = context.Services.GetRequiredService<MigrationRunner>();
            try
            {
                var result = await runner.MigrateAsync(cancellationToken);
                if (parse.GetValue(context.Json))
                    context.WriteJson(new { applied = result.Applied.Select(m => m.Label), result.AlreadyApplied, result.CurrentVersion, result.UnknownVersions });
                else
                {
                    foreach (var migration in result.Applied) context.Console.MarkupLineInterpolated($"[green]applied[/] {migration.Label}");
                    context.Console.MarkupLineInterpolated($"Database at version {result.CurrentVersion} ({result.Applied.Count} applied now, {result.AlreadyApplied} before).");
                    if (result.UnknownVersions.Count > 0)
                        context.Console.MarkupLineInterpolated($"[yellow]The database has versions this build does not know: {string.Join(", ", result.UnknownVersions)}.[/]");
                }
                return ExitCodes.Success;
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException)
            {
                return context.Fail(ExitCodes.DatabaseUnavailable, $"The database cannot be reached: {exception.Message}");
            }
            catch (Exception exception) when (exception is MigrationChecksumException or InvalidOperationException)
            {
                return context.Fail(ExitCodes.Failed, exception.Message);
            }
        });

        var status = new Command("status", "Show applied and pending migrations");
        status.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var (applied, pending) = await context.Services.GetRequiredService<MigrationRunner>().StatusAsync(cancellationToken);
                if (parse.GetValue(context.Json))
                    context.WriteJson(new { applied, pending = pending.Select(m => m.Label) });
                else
                {
                    foreach (var migration in applied) context.Console.MarkupLineInterpolated($"[green]applied[/] {migration.Label} ({migration.AppliedAt:u} by {migration.AppliedBy})");
                    foreach (var migration in pending) context.Console.MarkupLineInterpolated($"[yellow]pending[/] {migration.Label}");
                }
                return pending.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
            }
            catch (NpgsqlException exception)
            {
                return context.Fail(ExitCodes.DatabaseUnavailable, $"The database cannot be reached: {exception.Message}");
            }
        });

        var db = new Command("db", "The connector database");
        db.Subcommands.Add(migrate);
        db.Subcommands.Add(status);
        return db;
    }
}
