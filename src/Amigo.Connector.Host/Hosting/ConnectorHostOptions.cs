namespace Amigo.Connector.Host.Hosting;

/// <summary>How <see cref="ConnectorApplication"/> builds the host: the seams tests and the CLI use.</summary>
public sealed class ConnectorHostOptions
{
    /// <summary>JSON configuration file (the CLI's <c>--config</c>); relative paths inside it are read from its folder.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Configuration added last (wins over files and environment), e.g. <c>["Amigo:Database:ConnectionString"] = …</c>.</summary>
    public Dictionary<string, string?> Configuration { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Plugin assemblies added without a plugins folder (tests).</summary>
    public List<Assembly> PluginAssemblies { get; } = [];

    /// <summary>Whether to scan <c>Amigo:PluginsPath</c> (default: yes).</summary>
    public bool ScanPluginsFolder { get; set; } = true;

    /// <summary>The clock of the scheduler, job runs and plugins (tests pass a <c>FakeTimeProvider</c>).</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Whether <c>serve</c> starts the scheduler (tests of the HTTP API usually turn it off).</summary>
    public bool? RunScheduler { get; set; }

    /// <summary>Extra web host set-up, e.g. <c>web => web.UseTestServer()</c>.</summary>
    public Action<IWebHostBuilder>? ConfigureWebHost { get; set; }

    /// <summary>Service replacements applied after everything else (fakes in tests).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>
    /// Whether a started host runs the preflight (<c>amigo check</c>) of every academy in the background and serves it on
    /// <c>/health/ready</c>; default: when the scheduler runs (so <c>serve</c> does, and hosts of API tests do not).
    /// </summary>
    public bool? RunPreflight { get; set; }

    /// <summary>Plugins already loaded (the CLI loads them before parsing); when set, nothing is loaded again.</summary>
    internal PluginPreload? Plugins { get; set; }

    /// <summary>Name recorded in <c>job_runs.host_name</c>; default the machine name.</summary>
    public string? HostName { get; set; }
}
