namespace Amigo.Connector.Host.Configuration;

/// <summary>The <c>Amigo</c> configuration section: everything the host needs to serve its academies.</summary>
public sealed class AmigoOptions
{
    /// <summary>Name of the configuration section.</summary>
    public const string SectionName = "Amigo";

    /// <summary>The connector's PostgreSQL database.</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>The academies this host serves, by id (lower case, e.g. <c>toulouse</c>).</summary>
    public Dictionary<string, AcademyOptions> Academies { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Folder scanned for plugins (one sub-folder per plugin); default <c>&lt;app base&gt;/plugins</c>.</summary>
    public string? PluginsPath { get; set; }

    /// <summary>Keys accepted in the <c>X-Api-Key</c> header.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Additions and overrides of the built-in département → academy table (<c>"064": "bordeaux"</c>).</summary>
    public Dictionary<string, string> Departements { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The job scheduler.</summary>
    public SchedulerOptions Scheduler { get; set; } = new();
}

/// <summary><c>Amigo:Database</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Npgsql connection string (may come from <c>Amigo__Database__ConnectionString</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>File holding the connection string (a container secret), read when <see cref="ConnectionString"/> is empty.</summary>
    public string? ConnectionStringFile { get; set; }

    /// <summary>Whether <c>serve</c> applies pending migrations at start (default true; <c>amigo db migrate</c> does it by hand).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// How long <c>serve</c> keeps retrying an unreachable database at start before giving up with exit code 5. Default
    /// zero: fail at once, in one line — a wrong host or password must be seen, not waited on, and the deployment's own
    /// ordering (compose's <c>service_healthy</c>, a supervisor's restart) already covers a database that starts later.
    /// Set it (e.g. <c>00:02:00</c>) where the connector may boot before PostgreSQL with nothing to order them.
    /// </summary>
    public TimeSpan WaitOnStart { get; set; } = TimeSpan.Zero;
}

/// <summary><c>Amigo:Scheduler</c>.</summary>
public sealed class SchedulerOptions
{
    /// <summary>Whether <c>serve</c> runs scheduled jobs (turn off on a host that only serves HTTP).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long shutdown waits for running jobs before cancelling them.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest sleep between two looks at the schedules (configuration changes, clock jumps).</summary>
    public TimeSpan MaxIdle { get; set; } = TimeSpan.FromMinutes(1);
}
