namespace Amigo.Connector.Host.Configuration;

/// <summary>The configuration once validated: what the rest of the host works from.</summary>
public sealed class ConnectorSettings
{
    internal ConnectorSettings(AmigoOptions options, IReadOnlyList<AcademySettings> academies, IReadOnlyList<ApiKey> apiKeys,
        IReadOnlyList<JobDescriptor> jobs, DepartementAcademies departements, string baseDirectory)
    {
        (Options, Academies, ApiKeys, Jobs, Departements, BaseDirectory) =
            (options, academies, apiKeys, jobs, departements, baseDirectory);
    }

    /// <summary>The bound <c>Amigo</c> section.</summary>
    public AmigoOptions Options { get; }

    /// <summary>The academies, ordered by id (.NET configuration does not keep file order).</summary>
    public IReadOnlyList<AcademySettings> Academies { get; }

    /// <summary>Accepted API keys.</summary>
    public IReadOnlyList<ApiKey> ApiKeys { get; }

    /// <summary>Every job known to the host (host jobs first, then plugin jobs).</summary>
    public IReadOnlyList<JobDescriptor> Jobs { get; }

    /// <summary>The département → academy table with the configured overrides.</summary>
    public DepartementAcademies Departements { get; }

    /// <summary>Folder relative paths of the configuration are read from.</summary>
    public string BaseDirectory { get; }

    /// <summary>The academy with this id, or null.</summary>
    public AcademySettings? Find(string academyId) =>
        Academies.FirstOrDefault(a => string.Equals(a.Id, academyId, StringComparison.OrdinalIgnoreCase));

    /// <summary>The job with this id, or null.</summary>
    public JobDescriptor? FindJob(string jobId) =>
        Jobs.FirstOrDefault(j => string.Equals(j.Id, jobId, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One academy's validated settings.</summary>
public sealed class AcademySettings
{
    internal AcademySettings(AcademyContext context, AcademyOptions options, ITopClientOptions itop,
        IReadOnlySet<string> pluginsEnabledInConfiguration, IReadOnlyDictionary<string, JobSchedule> schedules)
    {
        (Context, Options, ITop, PluginsEnabledInConfiguration, Schedules) =
            (context, options, itop, pluginsEnabledInConfiguration, schedules);
    }

    /// <summary>Academy id.</summary>
    public string Id => Context.Id;

    /// <summary>
    /// What plugins see, without an iTop connection (its client refuses every call): the container creates the
    /// academies' clients; take the academy from <c>IAcademyRegistry</c> to reach iTop.
    /// </summary>
    public AcademyContext Context { get; }

    /// <summary>The bound section.</summary>
    public AcademyOptions Options { get; }

    /// <summary>iTop client settings (credentials included: never log them).</summary>
    public ITopClientOptions ITop { get; }

    /// <summary>Plugins with <c>Enabled: true</c> in the configuration file.</summary>
    public IReadOnlySet<string> PluginsEnabledInConfiguration { get; }

    /// <summary>Schedules by job id (jobs without a schedule are absent).</summary>
    public IReadOnlyDictionary<string, JobSchedule> Schedules { get; }
}

/// <summary>A parsed schedule.</summary>
/// <param name="Expression">The cron text.</param>
/// <param name="Cron">The parsed expression.</param>
/// <param name="Enabled">Whether the scheduler runs it.</param>
public sealed record JobSchedule(string Expression, CronExpression Cron, bool Enabled);

/// <summary>An accepted API key.</summary>
/// <param name="Name">Holder.</param>
/// <param name="Key">The secret.</param>
/// <param name="Academy">The academy it is limited to; null for an admin key.</param>
public sealed record ApiKey(string Name, string Key, string? Academy)
{
    /// <summary>Whether the key sees every academy.</summary>
    public bool IsAdmin => Academy is null;

    /// <summary>Whether the key may see and change <paramref name="academyId"/>.</summary>
    public bool Allows(string academyId) => IsAdmin || string.Equals(Academy, academyId, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Academy ?? "admin"})";
}
