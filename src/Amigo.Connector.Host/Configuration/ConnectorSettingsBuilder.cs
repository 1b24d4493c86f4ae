namespace Amigo.Connector.Host.Configuration;

/// <summary>
/// Binds and checks the <c>Amigo</c> section against the plugins found, and builds each academy's context.
/// Every problem is collected (not just the first), each naming the academy and the setting.
/// </summary>
internal static partial class ConnectorSettingsBuilder
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex AcademyIdPattern();

    public static ConnectorSettings Build(IConfiguration configuration, PluginCatalog catalog, IReadOnlyList<JobDescriptor> hostJobs,
        string baseDirectory, List<string> warnings)
    {
        var problems = new List<string>();
        var section = configuration.GetSection(AmigoOptions.SectionName);
        AmigoOptions options;
        try
        {
            options = section.Get<AmigoOptions>() ?? new AmigoOptions();
        }
        catch (InvalidOperationException exception)
        {
            throw new ConnectorConfigurationException([$"Amigo: a setting has a value of the wrong type: {exception.Message}"]);
        }

        if (string.IsNullOrWhiteSpace(options.Database.ConnectionString) && !string.IsNullOrWhiteSpace(options.Database.ConnectionStringFile))
        {
            options.Database.ConnectionString = SecretReader.Read(null, options.Database.ConnectionStringFile, null, baseDirectory,
                "Amigo:Database:ConnectionString", out var fileProblem);
            if (fileProblem is not null) problems.Add(fileProblem);
        }
        else if (string.IsNullOrWhiteSpace(options.Database.ConnectionString))
            problems.Add("Amigo:Database:ConnectionString is missing (the connector's PostgreSQL database; e.g. env Amigo__Database__ConnectionString, or ConnectionStringFile).");
        if (options.Academies.Count == 0)
            problems.Add("Amigo:Academies is empty: configure at least one academy.");
        if (options.Scheduler.ShutdownTimeout < TimeSpan.Zero)
            problems.Add("Amigo:Scheduler:ShutdownTimeout cannot be negative.");
        if (options.Scheduler.MaxIdle <= TimeSpan.Zero)
            problems.Add("Amigo:Scheduler:MaxIdle must be positive.");

        var jobs = hostJobs.Concat(catalog.Plugins.SelectMany(p => p.Plugin.Jobs.Select(j =>
            new JobDescriptor(JobDescriptor.FullId(p.Id, j.Name), p.Id, j.Description, j.DefaultSchedule, j.JobType)))).ToList();

        var academies = new List<AcademySettings>();
        foreach (var academySection in section.GetSection("Academies").GetChildren())
        {
            var academy = BuildAcademy(academySection, options.Academies[academySection.Key], catalog, jobs, baseDirectory, problems, warnings);
            if (academy is not null) academies.Add(academy);
        }

        var apiKeys = BuildApiKeys(options, baseDirectory, problems);

        DepartementAcademies departements = new();
        try
        {
            departements = new DepartementAcademies(options.Departements);
        }
        catch (ArgumentException exception)
        {
            problems.Add($"Amigo:Departements: {exception.Message}");
        }

        if (problems.Count > 0) throw new ConnectorConfigurationException(problems);
        return new ConnectorSettings(options, academies, apiKeys, jobs, departements, baseDirectory);
    }

    private static AcademySettings? BuildAcademy(IConfigurationSection section, AcademyOptions options, PluginCatalog catalog,
        IReadOnlyList<JobDescriptor> jobs, string baseDirectory,
        List<string> problems, List<string> warnings)
    {
        var before = problems.Count;
        var id = section.Key;
        var where = $"Academy '{id}'";
        var path = section.Path;
        if (!AcademyIdPattern().IsMatch(id))
            problems.Add($"{where}: {path} — the academy id must be lower case letters, digits and hyphens (e.g. toulouse).");

        // iTop connection.
        var itop = options.ITop;
        if (string.IsNullOrWhiteSpace(itop.Url))
            problems.Add($"{where}: {path}:ITop:Url is missing.");
        else if (!Uri.TryCreate(itop.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            problems.Add($"{where}: {path}:ITop:Url '{itop.Url}' is not an absolute http(s) URL.");
        if (!Enum.TryParse<ITopAuthMode>(itop.AuthMode, ignoreCase: true, out var authMode) || int.TryParse(itop.AuthMode, out _))
            problems.Add($"{where}: {path}:ITop:AuthMode '{itop.AuthMode}' is unknown (expected Form, Basic or Token).");
        if (authMode != ITopAuthMode.Token && string.IsNullOrWhiteSpace(itop.User))
            problems.Add($"{where}: {path}:ITop:User is missing.");
        var secret = SecretReader.Read(itop.Password, itop.PasswordFile, itop.PasswordEnvironmentVariable, baseDirectory, $"{path}:ITop:Password", out var secretProblem);
        if (secretProblem is not null) problems.Add($"{where}: {secretProblem}");
        if (itop.Version is not ("1.0" or "1.1" or "1.2" or "1.3" or "1.4"))
            problems.Add($"{where}: {path}:ITop:Version '{itop.Version}' is not a REST version iTop offers (1.0 to 1.4).");
        if (itop.MaxConcurrency < 1)
            problems.Add($"{where}: {path}:ITop:MaxConcurrency must be at least 1.");
        if (itop.Timeout <= TimeSpan.Zero)
            problems.Add($"{where}: {path}:ITop:Timeout must be positive.");
        TimeZoneInfo? zone = null;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(itop.TimeZone);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problems.Add($"{where}: {path}:ITop:TimeZone '{itop.TimeZone}' is not a known time zone (e.g. Europe/Paris).");
        }

        var lifecycle = LifecycleProfileReader.Read(section.GetSection("Lifecycle"), baseDirectory, problems, where);

        // Plugins named in the configuration.
        var enabled = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (pluginId, pluginOptions) in options.Plugins)
        {
            if (catalog.Find(pluginId) is null)
            {
                var failed = catalog.Failures.Any(f => f.PluginId is null || string.Equals(f.PluginId, pluginId, StringComparison.OrdinalIgnoreCase));
                var message = $"{where}: {path}:Plugins:{pluginId} names an unknown plugin '{pluginId}' (known: {KnownPlugins(catalog)}).";
                if (failed) warnings.Add(message + " A plugin failed to load: it may be this one; it stays off.");
                else problems.Add(message);
                continue;
            }
            if (pluginOptions.Enabled) enabled.Add(catalog.Find(pluginId)!.Id);
        }

        // Schedules.
        var schedules = new Dictionary<string, JobSchedule>(StringComparer.OrdinalIgnoreCase);
        foreach (var (jobId, jobOptions) in options.Jobs)
        {
            var job = jobs.FirstOrDefault(j => string.Equals(j.Id, jobId, StringComparison.OrdinalIgnoreCase));
            if (job is null)
            {
                var message = $"{where}: {path}:Jobs:{jobId} names an unknown job '{jobId}' (known: {string.Join(", ", jobs.Select(j => j.Id))}).";
                if (catalog.Failures.Any(f => f.PluginId is null || jobId.StartsWith(f.PluginId, StringComparison.OrdinalIgnoreCase))) warnings.Add(message);
                else problems.Add(message);
                continue;
            }
            var expression = string.IsNullOrWhiteSpace(jobOptions.Schedule) ? job.DefaultSchedule : jobOptions.Schedule;
            if (expression is null) continue;
            if (TryParseCron(expression, out var cron, out var error))
                schedules[job.Id] = new JobSchedule(expression, cron!, jobOptions.Enabled);
            else
                problems.Add($"{where}: {path}:Jobs:{jobId}:Schedule '{expression}' is not a valid cron expression: {error}");
        }
        foreach (var job in jobs.Where(j => !schedules.ContainsKey(j.Id) && !options.Jobs.ContainsKey(j.Id) && j.DefaultSchedule is not null))
        {
            if (TryParseCron(job.DefaultSchedule!, out var cron, out var error))
                schedules[job.Id] = new JobSchedule(job.DefaultSchedule!, cron!, true);
            else
                warnings.Add($"Job '{job.Id}' has a default schedule '{job.DefaultSchedule}' that is not valid cron ({error}); it runs only by hand.");
        }

        if (problems.Count > before || zone is null || lifecycle is null) return null;

        var clientOptions = new ITopClientOptions
        {
            InstanceName = id,
            Url = itop.Url!,
            User = itop.User,
            Password = authMode == ITopAuthMode.Token ? null : secret,
            Token = authMode == ITopAuthMode.Token ? secret : null,
            AuthMode = authMode,
            Version = itop.Version,
            TimeZone = zone,
            Timeout = itop.Timeout,
            MaxConcurrency = itop.MaxConcurrency,
        };
        var context = new AcademyContext(id, options.DisplayName ?? id, zone, lifecycle, options.FieldMap, new RefusingITopClient(id, zone,
            "this is the configuration's view of the academy, without a connection; take the academy from IAcademyRegistry to reach iTop."), section.GetSection("Plugins"));
        foreach (var pluginId in enabled)
            foreach (var problem in PluginSettingsValidator.Validate(catalog.Find(pluginId)!.Plugin, context))
                problems.Add($"{where}: {path}:Plugins:{pluginId}: {problem}");
        if (problems.Count > before) return null;
        return new AcademySettings(context, options, clientOptions, enabled, schedules);
    }

    private static List<ApiKey> BuildApiKeys(AmigoOptions options, string baseDirectory, List<string> problems)
    {
        var keys = new List<ApiKey>();
        for (var index = 0; index < options.ApiKeys.Count; index++)
        {
            var entry = options.ApiKeys[index];
            var path = $"Amigo:ApiKeys:{index}";
            var before = problems.Count;
            if (string.IsNullOrWhiteSpace(entry.Name)) problems.Add($"{path}:Name is missing.");
            if (entry.Admin == (entry.Academy is not null))
                problems.Add($"{path} ({entry.Name}): set exactly one of Academy (a key for one academy) or Admin: true.");
            else if (entry.Academy is not null && !options.Academies.ContainsKey(entry.Academy))
                problems.Add($"{path}:Academy names an unknown academy '{entry.Academy}'.");
            var key = SecretReader.Read(entry.Key, entry.KeyFile, entry.KeyEnvironmentVariable, baseDirectory, $"{path}:Key", out var problem);
            if (problem is not null) problems.Add(problem);
            else if (key!.Length < 16) problems.Add($"{path} ({entry.Name}): the key is too short (16 characters at least).");
            else if (keys.Any(k => k.Key == key)) problems.Add($"{path} ({entry.Name}): the same key is given twice.");
            if (problems.Count == before) keys.Add(new ApiKey(entry.Name!, key!, entry.Academy?.ToLowerInvariant()));
        }
        return keys;
    }

    internal static bool TryParseCron(string expression, out CronExpression? cron, out string? error)
    {
        cron = null;
        error = null;
        try
        {
            var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            cron = CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return true;
        }
        catch (CronFormatException exception)
        {
            error = exception.Message;
            return false;
        }
    }

    private static string KnownPlugins(PluginCatalog catalog) =>
        catalog.Plugins.Count == 0 ? "none found" : string.Join(", ", catalog.Plugins.Select(p => p.Id));
}
