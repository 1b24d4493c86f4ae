namespace Amigo.Connector.Host.Hosting;

/// <summary>
/// First thing <c>serve</c> does: reports skipped plugins and configuration warnings, migrates the database (unless
/// turned off), records the academies, and marks as abandoned the runs of hosts that died mid-run.
/// </summary>
internal sealed class ConnectorStartup(
    ConnectorSettings settings,
    PluginCatalog catalog,
    StartupWarnings warnings,
    MigrationRunner migrations,
    AcademyStore academies,
    JobRunStore runs,
    ILogger<ConnectorStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var failure in catalog.Failures)
            logger.LogError("Plugin {Plugin} from {Source} skipped ({Stage} failed): {Error}", failure.PluginId ?? "?", failure.Source, failure.Stage, failure.Error);
        foreach (var warning in warnings.Messages)
            logger.LogWarning("{Warning}", warning);
        logger.LogInformation("Plugins loaded: {Plugins}", catalog.Plugins.Count == 0 ? "none" : string.Join(", ", catalog.Plugins.Select(p => p.Id)));

        if (settings.Options.Database.MigrateOnStart)
        {
            var result = await migrations.MigrateAsync(cancellationToken);
            if (result.Applied.Count > 0)
                logger.LogInformation("Database migrated to version {Version} ({Count} migration(s) applied)", result.CurrentVersion, result.Applied.Count);
        }
        await academies.UpsertAsync(settings.Academies.Select(a => new AcademyRow(a.Id, a.Context.DisplayName, a.ITop.Url, a.Context.TimeZone.Id)), cancellationToken);
        var abandoned = await runs.MarkAbandonedAsync(cancellationToken: cancellationToken);
        if (abandoned > 0) logger.LogWarning("{Count} job run(s) left running by a stopped host were marked abandoned", abandoned);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Configuration warnings (not fatal) found while building the settings.</summary>
public sealed class StartupWarnings(IReadOnlyList<string> messages)
{
    /// <summary>The warnings.</summary>
    public IReadOnlyList<string> Messages { get; } = messages;
}
