namespace ReportingBench;

/// <summary>Keeps the refresher's log lines ("Refreshed report_status_mv in 1830 ms") so the benchmark can print them.</summary>
internal sealed class RefreshLog<T> : ILogger<T>
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
            _lines.Add(formatter(state, exception));
    }
}
