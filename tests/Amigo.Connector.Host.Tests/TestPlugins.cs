namespace Amigo.Connector.Host.Tests;

/// <summary>Settings of <see cref="CountingPlugin"/>: <c>Label</c> keys the counters so parallel tests do not share them.</summary>
public sealed class CountingSettings : IValidatableSettings
{
    [Required]
    public string? Label { get; set; }

    [Range(0, 60_000)]
    public int DelayMilliseconds { get; set; }

    public IEnumerable<string> Validate(AcademyContext academy)
    {
        if (Label == "forbidden") yield return "Label: 'forbidden' is not allowed";
    }
}

/// <summary>A plugin added explicitly (not from a folder): a job that counts its runs, an endpoint, settings.</summary>
public sealed class CountingPlugin : IConnectorPlugin
{
    public string Id => "counting";
    public string Description => "Counts job runs (tests)";
    public Type? SettingsType => typeof(CountingSettings);
    public IReadOnlyList<PluginJobDefinition> Jobs { get; } = [new("count", "Counts", null, typeof(CountingJob))];
    public void ConfigureServices(IServiceCollection services) { }

    public void MapEndpoints(IEndpointRouteBuilder academyGroup) =>
        academyGroup.MapGet("/ping", (IAcademyAccessor academy) => $"pong {academy.Current.Id}");

    public IEnumerable<Command> CreateCommands(IServiceProvider services) => [];
}

/// <summary>Counts runs per label; a run may be held open by a gate to overlap with another host.</summary>
public sealed class CountingJob : IAcademyJob
{
    public static readonly ConcurrentDictionary<string, int> Runs = new();
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Started = new();

    public async Task<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        var settings = context.Academy.GetPluginSettings<CountingSettings>("counting");
        var label = $"{settings.Label}:{context.Academy.Id}";
        Runs.AddOrUpdate(label, 1, (_, n) => n + 1);
        Started.GetOrAdd(label, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (Gates.TryGetValue(label, out var gate)) await gate.Task.WaitAsync(cancellationToken);
        if (settings.DelayMilliseconds > 0) await Task.Delay(settings.DelayMilliseconds, cancellationToken);
        return new JobOutcome(new Dictionary<string, long> { ["counted"] = 1 }, $"counted for {context.Academy.Id}");
    }
}

/// <summary>A plugin that authenticates its callers itself: the host does not ask for an API key.</summary>
public sealed class OpenPlugin : IConnectorPlugin
{
    public string Id => "open";
    public string Description => "Endpoints without API key (tests)";
    public Type? SettingsType => null;
    public IReadOnlyList<PluginJobDefinition> Jobs => [];
    public PluginEndpointAccess EndpointAccess => PluginEndpointAccess.PluginAuthenticated;
    public void ConfigureServices(IServiceCollection services) { }

    public void MapEndpoints(IEndpointRouteBuilder academyGroup) =>
        academyGroup.MapGet("/whoami", (IAcademyAccessor academy) => $"open {academy.Current.Id}");

    public IEnumerable<Command> CreateCommands(IServiceProvider services) => [];
}

/// <summary>A plugin with background work: its hosted service must start only when an academy enables the plugin.</summary>
public sealed class BackgroundPlugin : IConnectorPlugin
{
    public string Id => "background";
    public string Description => "Background work (tests)";
    public Type? SettingsType => null;
    public IReadOnlyList<PluginJobDefinition> Jobs => [];
    public void ConfigureServices(IServiceCollection services) => services.AddHostedService<BackgroundWork>().AddHostedService<BackgroundLoop>();
    public void MapEndpoints(IEndpointRouteBuilder academyGroup) { }
    public IEnumerable<Command> CreateCommands(IServiceProvider services) => [];
}

/// <summary>
/// Records what happens to it in the <see cref="BackgroundWorkProbe"/> of its host's database (each test has its own).
/// A start takes a little while, so that starts racing each other would overlap.
/// </summary>
public sealed class BackgroundWork : Microsoft.Extensions.Hosting.IHostedService, IDisposable
{
    private readonly BackgroundWorkProbe _probe;
    private bool _disposed;

    public BackgroundWork(IConnectorDatabase database)
    {
        _probe = BackgroundWorkProbe.For(database.DataSource.ConnectionString);
        Interlocked.Increment(ref _probe.Created);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(20, cancellationToken);
        if (_disposed) Interlocked.Increment(ref _probe.StartsAfterDispose);
        if (Interlocked.Decrement(ref _probe.FailingStarts) >= 0) throw new InvalidOperationException("background work cannot start (test)");
        Interlocked.Increment(ref _probe.Starts);
        var running = Interlocked.Increment(ref _probe.Running);
        int max;
        while (running > (max = Volatile.Read(ref _probe.MaxRunning)) && Interlocked.CompareExchange(ref _probe.MaxRunning, running, max) != max) { }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _probe.Stops);
        Interlocked.Decrement(ref _probe.Running);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _disposed = true;
        Interlocked.Increment(ref _probe.Disposals);
    }
}

/// <summary>Background work in a loop until stopped; its work ends with an error while its probe says so.</summary>
public sealed class BackgroundLoop(IConnectorDatabase database) : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var probe = BackgroundWorkProbe.For(database.DataSource.ConnectionString);
        Interlocked.Increment(ref probe.LoopRuns);
        await Task.Yield();
        if (Interlocked.Decrement(ref probe.FailingLoops) >= 0) throw new InvalidOperationException("background loop broke (test)");
        await Task.Delay(Timeout.Infinite, stoppingToken);
    }
}

/// <summary>Counts of the <see cref="BackgroundWork"/> and <see cref="BackgroundLoop"/> instances of one database.</summary>
public sealed class BackgroundWorkProbe
{
    private static readonly ConcurrentDictionary<string, BackgroundWorkProbe> ByDatabase = new();

    public int Created;
    public int Starts;
    public int Stops;
    public int Disposals;
    public int Running;
    public int MaxRunning;
    public int StartsAfterDispose;

    /// <summary>How many of the next starts throw.</summary>
    public int FailingStarts;

    /// <summary>How many times a <see cref="BackgroundLoop"/> began its work.</summary>
    public int LoopRuns;

    /// <summary>How many of the next loops end with an error.</summary>
    public int FailingLoops;

    /// <summary>The probe of the database <paramref name="connectionString"/> names.</summary>
    public static BackgroundWorkProbe For(string connectionString) =>
        ByDatabase.GetOrAdd(new NpgsqlConnectionStringBuilder(connectionString).Database!, _ => new BackgroundWorkProbe());
}

/// <summary>
/// A plugin whose hosted service is the container's singleton, handed out by a factory: the host's wrapper stops it
/// but must leave its disposal to the container, and starts the same instance again.
/// </summary>
public sealed class SharedBackgroundPlugin : IConnectorPlugin
{
    public string Id => "shared-background";
    public string Description => "Background work as a container singleton (tests)";
    public void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<SharedBackgroundWork>().AddHostedService(sp => sp.GetRequiredService<SharedBackgroundWork>());
}

/// <summary>Counts what happens to this one instance.</summary>
public sealed class SharedBackgroundWork : Microsoft.Extensions.Hosting.IHostedService, IDisposable
{
    private int _disposed;
    public int Starts;
    public int Stops;
    public int Disposals;
    public int StartsAfterDispose;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) != 0) Interlocked.Increment(ref StartsAfterDispose);
        Interlocked.Increment(ref Starts);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Stops);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, 1);
        Interlocked.Increment(ref Disposals);
    }
}

/// <summary>The smallest plugin the contract allows: an id, a description and its services.</summary>
public sealed class MinimalPlugin : IConnectorPlugin
{
    public string Id => "minimal";
    public string Description => "An id, a description and its services (tests)";
    public void ConfigureServices(IServiceCollection services) => services.AddSingleton<MinimalGreeting>();
}

/// <summary>The minimal plugin's one service.</summary>
public sealed class MinimalGreeting(TimeProvider time)
{
    public string Greet() => $"minimal at {time.GetUtcNow():O}";
}
