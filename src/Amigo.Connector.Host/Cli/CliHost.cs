namespace Amigo.Connector.Host.Cli;

/// <summary>
/// The host behind the command line, built on first use: the command line is parsed first, so <c>--help</c> and
/// argument errors need no configuration, and a command builds the host (reading and validating the configuration)
/// only when its action asks for a service. The plugins were loaded before parsing (their commands must exist to be
/// parsed); the host reuses that catalog instead of loading the plugin assemblies a second time.
/// </summary>
internal sealed class CliHost(ConnectorHostOptions options, TextWriter error) : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Whether the invoked command serves (HTTP API and scheduler): logs then go to the console as usual.</summary>
    public bool Serving { get; set; }

    /// <summary>The built host; throws <see cref="Configuration.ConnectorConfigurationException"/> on bad configuration.</summary>
    public WebApplication App => _app ??= Build();

    /// <summary>A provider the plugins' commands can hold before the host exists: each call builds it if needed.</summary>
    public IServiceProvider DeferredServices => new Deferred(this);

    private WebApplication Build()
    {
        if (!Serving)
        {
            // Commands print their results on stdout: logs go to stderr, warnings and errors only.
            var previous = options.ConfigureServices;
            options.ConfigureServices = services =>
            {
                services.AddLogging(logging => logging.ClearProviders()
                    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
                    .SetMinimumLevel(LogLevel.Warning));
                previous?.Invoke(services);
            };
        }
        var app = ConnectorApplication.Build([], options);
        if (!Serving)
        {
            foreach (var failure in app.Services.GetRequiredService<PluginCatalog>().Failures)
                error.WriteLine($"warning: plugin {failure.PluginId ?? "?"} from {failure.Source} skipped ({failure.Stage} failed): {failure.Error}");
        }
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private sealed class Deferred(CliHost host) : IServiceProvider
    {
        public object? GetService(Type serviceType) => host.App.Services.GetService(serviceType);
    }
}
