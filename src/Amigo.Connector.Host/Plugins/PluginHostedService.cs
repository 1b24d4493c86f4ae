namespace Amigo.Connector.Host.Plugins;

/// <summary>
/// A plugin's hosted service, started only when at least one academy enables the plugin when the host starts (a
/// plugin no academy uses does no background work). The plugin loader registers this in place of each
/// <see cref="IHostedService"/> a plugin adds; the service itself is created only when it starts.
/// </summary>
internal sealed class PluginHostedService(string pluginId, ServiceDescriptor inner, IServiceProvider services) : IHostedService, IAsyncDisposable
{
    private IHostedService? _started;

    /// <summary>The plugin that registered the service.</summary>
    public string PluginId { get; } = pluginId;

    /// <summary>Whether the service was started.</summary>
    public bool Started => _started is not null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await services.GetRequiredService<AcademyRegistry>().IsPluginEnabledAnywhereAsync(PluginId, cancellationToken))
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger<PluginHostedService>()
                .LogInformation("{Service} of plugin {Plugin} not started: no academy enables the plugin", Name(inner), PluginId);
            return;
        }
        _started = Create();
        await _started.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _started?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        // Created here (not by the container), so disposed here.
        if (_started is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
        else (_started as IDisposable)?.Dispose();
    }

    private IHostedService Create() => (IHostedService)(inner.ImplementationInstance
        ?? inner.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, inner.ImplementationType!));

    private static string Name(ServiceDescriptor descriptor) =>
        (descriptor.ImplementationType ?? descriptor.ImplementationInstance?.GetType())?.Name ?? "A hosted service";
}
