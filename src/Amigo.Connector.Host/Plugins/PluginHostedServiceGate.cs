namespace Amigo.Connector.Host.Plugins;

/// <summary>
/// Brings run-time switch changes to the plugins' hosted services (<see cref="PluginHostedService"/>): each time the
/// <see cref="PluginSwitchCache"/> is dropped (a switch changed on this host, on another through <c>NOTIFY</c>, or the
/// listener reconnected) every registered service looks again, in parallel, each serialized on its own. Changes that
/// arrive while it works are folded into one more pass. A notice can still be missed between a lost connection and
/// its replacement, so it also looks every <see cref="PluginSwitchCache.MaxAge"/> on the host's clock.
/// </summary>
internal sealed class PluginHostedServiceGate : BackgroundService
{
    // One pending "look again" is enough however many changes arrive meanwhile.
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly List<PluginHostedService> _services = [];
    private readonly TimeProvider _time;

    public PluginHostedServiceGate(PluginSwitchCache cache, TimeProvider time)
    {
        _time = time;
        cache.Invalidated += () => _changes.Writer.TryWrite(true);
    }

    /// <summary>What each plugin hosted service of the running host is doing, in registration order.</summary>
    public IReadOnlyList<PluginHostedServiceStatus> Statuses
    {
        get
        {
            lock (_services) return _services.Select(s => s.Status).ToList();
        }
    }

    /// <summary>Adds a service started by the host: it follows switch changes from now on.</summary>
    public void Register(PluginHostedService service)
    {
        lock (_services)
            if (!_services.Contains(service)) _services.Add(service);
    }

    /// <summary>Removes a service the host stopped.</summary>
    public void Unregister(PluginHostedService service)
    {
        lock (_services) _services.Remove(service);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            ReconcileCause cause;
            using (var poll = new CancellationTokenSource(PluginSwitchCache.MaxAge, _time))
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, poll.Token))
            {
                try
                {
                    await _changes.Reader.ReadAsync(wait.Token);
                    cause = ReconcileCause.SwitchChange;
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    cause = ReconcileCause.Poll;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            PluginHostedService[] services;
            lock (_services) services = [.. _services];
            try
            {
                await Task.WhenAll(services.Select(s => s.ReconcileAsync(cause, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
