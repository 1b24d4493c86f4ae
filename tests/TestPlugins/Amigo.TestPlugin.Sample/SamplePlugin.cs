namespace Amigo.TestPlugin.Sample;

/// <summary>
/// A working plugin: one service, one job, one endpoint. Its <c>TryAdd</c> of a clock is what plugins used to write:
/// inside the host it must be a no-op, so the greeting tells the host's time.
/// </summary>
public sealed class SamplePlugin : IConnectorPlugin
{
    public string Id => "sample";
    public string Description => "Test plugin loaded from a plugins folder";
    public Type? SettingsType => null;
    public IReadOnlyList<PluginJobDefinition> Jobs { get; } = [new("echo", "Says hello", null, typeof(EchoJob))];

    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Greeter>();
    }

    public void MapEndpoints(IEndpointRouteBuilder academyGroup)
    {
        academyGroup.MapGet("/hello", (IAcademyAccessor academy, Greeter greeter) => greeter.Greet(academy.Current));
        academyGroup.MapGet("/time", (Greeter greeter) => greeter.Now());
    }

    public IEnumerable<Command> CreateCommands(IServiceProvider services) => [];
}

/// <summary>The sample plugin's service.</summary>
public sealed class Greeter(TimeProvider time)
{
    public string Greet(AcademyContext academy) => $"hello {academy.Id}";

    public string Now() => time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The sample plugin's job.</summary>
public sealed class EchoJob(Greeter greeter) : IAcademyJob
{
    public Task<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new JobOutcome(new Dictionary<string, long> { ["echo"] = 1 }, greeter.Greet(context.Academy)));
}

/// <summary>A plugin whose service registration throws: the host must skip it and keep the others.</summary>
public sealed class BrokenPlugin : IConnectorPlugin
{
    public string Id => "broken";
    public string Description => "Test plugin that fails to configure";
    public Type? SettingsType => null;
    public IReadOnlyList<PluginJobDefinition> Jobs => [];

    public void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<Greeter>();
        throw new InvalidOperationException("broken on purpose");
    }

    public void MapEndpoints(IEndpointRouteBuilder academyGroup) => academyGroup.MapGet("/boom", () => "should never be mapped");

    public IEnumerable<Command> CreateCommands(IServiceProvider services) => [];
}

/// <summary>A plugin that registers its own clock: the host must refuse it (one clock) and keep the others.</summary>
public sealed class ClockmakerPlugin : IConnectorPlugin
{
    public string Id => "clockmaker";
    public string Description => "Test plugin that registers a TimeProvider";
    public Type? SettingsType => null;
    public IReadOnlyList<PluginJobDefinition> Jobs => [];

    public void ConfigureServices(IServiceCollection services) => services.AddSingleton(TimeProvider.System);

    public void MapEndpoints(IEndpointRouteBuilder academyGroup) => academyGroup.MapGet("/tick", () => "should never be mapped");

    public IEnumerable<Command> CreateCommands(IServiceProvider services) => [];
}
