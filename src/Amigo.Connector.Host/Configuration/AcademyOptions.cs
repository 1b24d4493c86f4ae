namespace Amigo.Connector.Host.Configuration;

/// <summary><c>Amigo:Academies:{id}</c>. The <c>Lifecycle</c> sub-section is read by <see cref="LifecycleProfileReader"/>.</summary>
public sealed class AcademyOptions
{
    /// <summary>Name shown to people, e.g. <c>Académie de Toulouse</c>; defaults to the id.</summary>
    public string? DisplayName { get; set; }

    /// <summary>How to reach the academy's iTop.</summary>
    public ITopConnectionOptions ITop { get; set; } = new();

    /// <summary>Where the academy's iTop keeps what stock iTop lacks.</summary>
    public AcademyFieldMap FieldMap { get; set; } = new();

    /// <summary>Plugins by id: <c>Enabled</c> plus the plugin's own settings (read by the plugin's settings type).</summary>
    public Dictionary<string, AcademyPluginOptions> Plugins { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Job schedules by job id (<c>sync</c>, <c>autoclose</c>, …).</summary>
    public Dictionary<string, JobScheduleOptions> Jobs { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary><c>Amigo:Academies:{id}:ITop</c>.</summary>
public sealed class ITopConnectionOptions
{
    /// <summary>Base URL of the iTop (REST answers at <c>/webservices/rest.php</c>).</summary>
    public string? Url { get; set; }

    /// <summary>REST API version.</summary>
    public string Version { get; set; } = "1.4";

    /// <summary><c>Form</c> (auth_user/auth_pwd, the iTop default), <c>Basic</c> or <c>Token</c>.</summary>
    public string AuthMode { get; set; } = "Form";

    /// <summary>iTop login of the connector's REST user.</summary>
    public string? User { get; set; }

    /// <summary>Password (or token) in clear: only for local trials, never in a committed file.</summary>
    public string? Password { get; set; }

    /// <summary>File holding the password (e.g. a mounted secret); relative paths are from the configuration file.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>Environment variable holding the password.</summary>
    public string? PasswordEnvironmentVariable { get; set; }

    /// <summary>Time zone of the iTop server (IANA id).</summary>
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>Most calls in flight at once to this iTop.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Time allowed for one call.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
}

/// <summary>The host's part of <c>Amigo:Academies:{id}:Plugins:{pluginId}</c>; the rest belongs to the plugin.</summary>
public sealed class AcademyPluginOptions
{
    /// <summary>Whether the plugin is enabled for the academy (a run-time switch in the database wins).</summary>
    public bool Enabled { get; set; }
}

/// <summary><c>Amigo:Academies:{id}:Jobs:{jobId}</c>.</summary>
public sealed class JobScheduleOptions
{
    /// <summary>Cron expression (five fields, or six with seconds) in the academy's time zone; empty runs only by hand.</summary>
    public string? Schedule { get; set; }

    /// <summary>Whether the job is scheduled at all (manual runs stay possible).</summary>
    public bool Enabled { get; set; } = true;
}
