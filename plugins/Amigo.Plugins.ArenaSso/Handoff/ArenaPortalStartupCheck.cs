namespace Amigo.Plugins.ArenaSso.Handoff;

/// <summary>
/// At start, in the background: runs <see cref="ArenaPortalProbe"/> for every academy whose bridge is enabled in
/// reverse-proxy mode and logs the outcome (an error with the fix when iTop is not served under the bridge's path),
/// so a wrong deployment shows in the log before the first person arrives. Never delays or fails the start.
/// </summary>
internal sealed class ArenaPortalStartupCheck(IServiceProvider services, ArenaAcademyRuntimes runtimes, ILogger<ArenaPortalStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<IAcademyRegistry>() is not { } registry) return Task.CompletedTask;
        _ = Task.Run(async () =>
        {
            foreach (var academy in registry.All)
            {
                try
                {
                    if (!await registry.IsPluginEnabledAsync(academy.Id, ArenaSsoPlugin.PluginId)) continue;
                    if (academy.GetPluginSettings<ArenaSsoSettings>(ArenaSsoPlugin.PluginId).HandoffMode != ArenaHandoffMode.ReverseProxy) continue;
                    // Without a request the path base is unknown: assume none; the first portal request checks again with it.
                    await runtimes.For(academy).ProbeAndLogAsync("", logger);
                }
                catch (Exception exception)
                {
                    logger.LogWarning(exception, "ARENA portal deployment check of {Academy} could not run at start; it runs on the first portal request", academy.Id);
                }
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
