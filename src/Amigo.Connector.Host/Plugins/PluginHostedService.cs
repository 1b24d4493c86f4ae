namespace Amigo.Connector.Host.Plugins;

/// <summary>
/// A plugin's hosted service, running only while at least one academy enables the plugin (a plugin no academy uses
/// does no background work). The plugin loader registers this in place of each <see cref="IHostedService"/> a plugin
/// adds. At host start it starts the service when the plugin is enabled somewhere; afterwards
/// <see cref="PluginHostedServiceGate"/> brings every switch change: the service is created and started when the first
/// academy enables the plugin, stopped and disposed when the last one disables it, created afresh on the next start.
/// Only an instance this wrapper created from a type is disposed by it: one the plugin registered, or one a factory
/// returned (often a singleton the container owns), is stopped but never disposed here, and the next start asks the
/// instance or the factory again (so a singleton is started again).
/// Starts and stops are serialized, and each decides from the enabled check read under the same lock, so concurrent
/// changes cannot start it twice nor apply an older state over a newer one. A failing start is logged and shown in
/// <see cref="Status"/>, never thrown at the host, and tried again at the next switch change. The host's shutdown
/// stops it once; nothing starts it afterwards.
/// </summary>
internal sealed class PluginHostedService : IHostedService, IAsyncDisposable
{
    /// <summary>How long a stop caused by a switch change may take before its token is cancelled.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly ServiceDescriptor _inner;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    // Cancelled when the host stops: aborts a start in progress and any change waiting for the lock.
    private readonly CancellationTokenSource _shutdown = new();
    private IHostedService? _running;
    // Whether _running was created here (from a type), so is this wrapper's to dispose.
    private bool _runningOwned;
    private bool _stopped;
    private string _name;
    private PluginHostedServiceStatus _status;

    public PluginHostedService(string pluginId, ServiceDescriptor inner, IServiceProvider services)
    {
        (PluginId, _inner, _services) = (pluginId, inner, services);
        _time = services.GetRequiredService<TimeProvider>();
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<PluginHostedService>();
        _name = (inner.ImplementationType ?? inner.ImplementationInstance?.GetType())?.Name ?? "A hosted service";
        _status = new PluginHostedServiceStatus(pluginId, _name, PluginHostedServiceStatus.Stopped, _time.GetUtcNow(), null);
    }

    /// <summary>The plugin that registered the service.</summary>
    public string PluginId { get; }

    /// <summary>What the service is doing now.</summary>
    public PluginHostedServiceStatus Status => Volatile.Read(ref _status);

    /// <summary>Host start: joins the gate (which brings later switch changes) and starts the service if the plugin is enabled somewhere.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var gate = _services.GetRequiredService<PluginHostedServiceGate>();
        gate.Register(this);
        await ReconcileAsync(ReconcileCause.HostStart, cancellationToken);
    }

    /// <summary>Host shutdown: stops the service if it runs, once; no switch change starts it afterwards.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _shutdown.CancelAsync();
        try
        {
            await _lock.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("{Service} of plugin {Plugin} not stopped: its start or stop did not end before the host's shutdown timeout", _name, PluginId);
            return;
        }
        try
        {
            if (_stopped) return;
            _stopped = true;
            _services.GetRequiredService<PluginHostedServiceGate>().Unregister(this);
            if (_running is { } running) await StopRunningAsync(running, "the host is stopping", cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Brings the service in line with the enabled check: started when an academy enables the plugin, stopped when none
    /// does. A failed service is tried again on a switch change, not on a <see cref="ReconcileCause.Poll"/>. Throws
    /// only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task ReconcileAsync(ReconcileCause cause, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        try
        {
            await _lock.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return; // the host is stopping
        }
        try
        {
            if (_stopped) return;
            bool enabled;
            try
            {
                enabled = await _services.GetRequiredService<AcademyRegistry>().IsPluginEnabledAnywhereAsync(PluginId, linked.Token);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _logger.LogWarning("{Service} of plugin {Plugin}: whether an academy enables the plugin could not be read ({Error}); tried again at the next switch change",
                    _name, PluginId, exception.Message);
                return;
            }

            var failed = Status.State == PluginHostedServiceStatus.Failed;
            if (enabled)
            {
                if (failed && cause == ReconcileCause.Poll) return;
                // Its background work died: a fresh instance replaces it.
                if (_running is { } dead && failed) await StopForSwitchAsync(dead, "its background work failed");
                if (_running is null) await StartRunningAsync(linked.Token);
            }
            else if (_running is { } running)
            {
                await StopForSwitchAsync(running, "no academy enables the plugin any more");
            }
            else if (failed || cause == ReconcileCause.HostStart)
            {
                SetStatus(PluginHostedServiceStatus.Stopped, null);
                _logger.LogInformation("{Service} of plugin {Plugin} not started: no academy enables the plugin", _name, PluginId);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The host began stopping during a start: StopAsync finds nothing running.
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _running, null) is { } running) await ReleaseAsync(running, _runningOwned);
    }

    private async Task StartRunningAsync(CancellationToken cancellationToken)
    {
        IHostedService? service = null;
        var owned = false;
        try
        {
            (service, owned) = Create();
            _name = service.GetType().Name;
            await service.StartAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !_shutdown.IsCancellationRequested)
        {
            if (service is not null) await ReleaseAsync(service, owned);
            SetStatus(PluginHostedServiceStatus.Failed, Describe(exception));
            _logger.LogError(exception, "{Service} of plugin {Plugin} failed to start; tried again at the next switch change", _name, PluginId);
            return;
        }
        catch
        {
            if (service is not null) await ReleaseAsync(service, owned);
            throw;
        }
        _running = service;
        _runningOwned = owned;
        SetStatus(PluginHostedServiceStatus.Running, null);
        _logger.LogInformation("{Service} of plugin {Plugin} started: an academy enables the plugin", _name, PluginId);
        WatchBackgroundWork(service);
    }

    private async Task StopRunningAsync(IHostedService service, string reason, CancellationToken cancellationToken)
    {
        // Forgotten first: the end of its background work during the stop is not a failure.
        _running = null;
        var owned = _runningOwned;
        try
        {
            await service.StopAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "{Service} of plugin {Plugin} did not stop cleanly", _name, PluginId);
        }
        finally
        {
            await ReleaseAsync(service, owned);
        }
        SetStatus(PluginHostedServiceStatus.Stopped, null);
        _logger.LogInformation("{Service} of plugin {Plugin} stopped: {Reason}", _name, PluginId, reason);
    }

    /// <summary>A background service whose work ends with an error is dead though started: shown as failed.</summary>
    private void WatchBackgroundWork(IHostedService service)
    {
        if (service is not BackgroundService { ExecuteTask: { } work }) return;
        work.ContinueWith(task =>
        {
            if (!ReferenceEquals(Volatile.Read(ref _running), service)) return;
            SetStatus(PluginHostedServiceStatus.Failed, Describe(task.Exception!.GetBaseException()));
            _logger.LogError(task.Exception!.GetBaseException(), "{Service} of plugin {Plugin}: its background work failed; started again at the next switch change", _name, PluginId);
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task StopForSwitchAsync(IHostedService service, string reason)
    {
        using var timeout = new CancellationTokenSource(StopTimeout, _time);
        await StopRunningAsync(service, reason, timeout.Token);
    }

    /// <summary>The instance to start, and whether this wrapper created it (so disposes it).</summary>
    private (IHostedService Service, bool Owned) Create()
    {
        if (_inner.ImplementationInstance is IHostedService instance) return (instance, false);
        // A factory may hand out an instance someone else owns (the container's singleton): not ours to dispose.
        if (_inner.ImplementationFactory is { } factory) return ((IHostedService)factory(_services), false);
        return ((IHostedService)ActivatorUtilities.CreateInstance(_services, _inner.ImplementationType!), true);
    }

    private async ValueTask ReleaseAsync(IHostedService service, bool owned)
    {
        if (!owned) return;
        try
        {
            if (service is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
            else (service as IDisposable)?.Dispose();
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "{Service} of plugin {Plugin} failed to dispose", _name, PluginId);
        }
    }

    private void SetStatus(string state, string? error) =>
        Volatile.Write(ref _status, new PluginHostedServiceStatus(PluginId, _name, state, _time.GetUtcNow(), error));

    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
