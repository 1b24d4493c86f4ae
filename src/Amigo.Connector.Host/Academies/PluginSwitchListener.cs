namespace Amigo.Connector.Host.Academies;

/// <summary>
/// Drops the <see cref="PluginSwitchCache"/> when another process or host changes a switch: <c>LISTEN</c> on
/// <see cref="PluginSwitchStore.Channel"/> over one connection while the host runs. A lost connection drops the cache
/// too (notices may have been missed) and is opened again. Notices of this process's own store are skipped: its
/// <see cref="PluginSwitchStore.Changed"/> dropped the cache already.
/// </summary>
internal sealed class PluginSwitchListener(
    IConnectorDatabase database, PluginSwitchStore store, PluginSwitchCache cache, TimeProvider time, ILogger<PluginSwitchListener> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.DataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notice) =>
                {
                    if (notice.Payload != store.Origin) cache.Invalidate();
                };
                await connection.ExecuteAsync(new CommandDefinition($"LISTEN {PluginSwitchStore.Channel}", cancellationToken: stoppingToken));
                // Changes made before LISTEN took effect would be missed otherwise.
                cache.Invalidate();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or InvalidOperationException or IOException)
            {
                cache.Invalidate();
                logger.LogWarning("Listening for plugin switch changes failed ({Error}); trying again in 5 s", exception.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
