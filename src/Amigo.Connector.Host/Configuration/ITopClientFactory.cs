namespace Amigo.Connector.Host.Configuration;

/// <summary>
/// Makes the academies' iTop clients with the host's logging, so their retry and "outcome unknown" warnings reach the
/// host's log. The settings (and the clients in them) are built while services are registered, before the container
/// exists: the factory is registered in the container and gets the container's <see cref="ILoggerFactory"/> when the
/// settings are first resolved — before any academy, hence any client, can be reached.
/// </summary>
public sealed class ITopClientFactory
{
    private readonly HostLogger _logger = new();

    /// <summary>A client for <paramref name="options"/> logging through the host.</summary>
    public ITopClient Create(ITopClientOptions options) => new(options, logger: _logger);

    /// <summary>Connects the clients' logger to the container's logging.</summary>
    public void Attach(ILoggerFactory loggers) => _logger.Inner = loggers.CreateLogger<ITopClient>();

    // Writes to the host's logger once attached (nothing is lost: no client is reachable before).
    private sealed class HostLogger : ILogger<ITopClient>
    {
        public volatile ILogger Inner = NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => Inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => Inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
