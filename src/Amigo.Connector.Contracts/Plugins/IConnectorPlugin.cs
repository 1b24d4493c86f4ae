namespace Amigo.Connector.Contracts.Plugins;

/// <summary>
/// A plugin module. The host finds every public non-abstract implementation in the assemblies of its
/// plugins folder, registers its services once, and runs its jobs and endpoints only for the academies
/// where it is enabled. A plugin references these contracts, never the host. A minimal plugin is an
/// <see cref="Id"/>, a <see cref="Description"/> and its services: every other member has a default (no settings,
/// no jobs, no endpoints, no commands). Its tables come from its migrations (<c>Migrations/NNNN_name.sql</c>
/// embedded in its assembly, applied by the host).
/// </summary>
public interface IConnectorPlugin
{
    /// <summary>Stable identifier used in configuration, CLI and URLs, e.g. <c>autoclose</c> (lower case, digits, hyphens).</summary>
    string Id { get; }

    /// <summary>One line saying what the plugin does (English, shown by <c>amigo plugins list</c>).</summary>
    string Description { get; }

    /// <summary>
    /// The type of the plugin's per-academy settings, bound from
    /// <c>Amigo:Academies:{id}:Plugins:{pluginId}</c> and validated with data annotations and
    /// <see cref="IValidatableSettings"/> at start-up for every academy that enables the plugin; null (the default) when
    /// it has none.
    /// </summary>
    Type? SettingsType => null;

    /// <summary>The plugin's scheduled jobs (none by default).</summary>
    IReadOnlyList<PluginJobDefinition> Jobs => [];

    /// <summary>
    /// Registers the plugin's services (singletons or scoped; one registration serves every academy) into the host's
    /// collection: <c>TryAdd…</c> sees what the host and earlier plugins registered. The host owns the clock: take
    /// <see cref="TimeProvider"/> from the container and never register one (a plugin that does is refused).
    /// </summary>
    void ConfigureServices(IServiceCollection services);

    /// <summary>
    /// Maps the plugin's HTTP endpoints on a group already scoped to one academy and to this plugin:
    /// <c>/api/academies/{academy}/{pluginId}/…</c>. The host answers 404 for academies where the plugin is
    /// disabled and enforces the API key before these endpoints run (see <see cref="PluginEndpointAccess"/>).
    /// Resolve the academy inside a handler with <see cref="Academies.IAcademyAccessor"/>. None by default.
    /// </summary>
    void MapEndpoints(IEndpointRouteBuilder academyGroup)
    {
    }

    /// <summary>Endpoints whose access is not the admin API key (e.g. the ARENA bridge, reached by staff through the proxy).</summary>
    PluginEndpointAccess EndpointAccess => PluginEndpointAccess.ApiKey;

    /// <summary>
    /// CLI commands added under <c>amigo</c> (e.g. <c>amigo autoclose</c>); <paramref name="services"/> is the built
    /// host's provider. None by default. A command that runs a job runs it through <see cref="IPluginJobInvoker"/>
    /// (the host's job runner: its lock, its <c>job_runs</c> row, the shared exit codes of <see cref="JobExitCodes"/>).
    /// </summary>
    IEnumerable<Command> CreateCommands(IServiceProvider services) => [];
}

/// <summary>Who may call a plugin's endpoints.</summary>
public enum PluginEndpointAccess
{
    /// <summary>An API key of the academy (or an admin key) is required.</summary>
    ApiKey,
    /// <summary>The plugin authenticates callers itself.</summary>
    PluginAuthenticated,
}

/// <summary>Settings that check more than data annotations can express.</summary>
public interface IValidatableSettings
{
    /// <summary>Problems found, each naming the setting; empty when valid.</summary>
    IEnumerable<string> Validate(Academies.AcademyContext academy);
}
