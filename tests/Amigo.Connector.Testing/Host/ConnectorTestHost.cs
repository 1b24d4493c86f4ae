namespace Amigo.Connector.Testing.Host;

/// <summary>
/// The real connector host (<see cref="ConnectorApplication"/>) as the tests build it: configuration given as keys, no
/// plugins folder scan, no scheduler, in process on a TestServer; <c>configure</c> changes any of it afterwards.
/// </summary>
public static class ConnectorTestHost
{
    /// <summary>An admin API key of the test configurations.</summary>
    public const string AdminKey = "admin-key-0123456789abcdef";

    /// <summary>An iTop address where nothing answers (for hosts whose tests never reach iTop).</summary>
    public const string NoITopUrl = "http://127.0.0.1:9/";

    /// <summary>Builds the host; <paramref name="configuration"/> is added last (it wins over files and environment).</summary>
    public static WebApplication Build(IEnumerable<KeyValuePair<string, string?>> configuration, Action<ConnectorHostOptions>? configure = null) =>
        ConnectorApplication.Build([], options =>
        {
            options.ScanPluginsFolder = false;
            options.RunScheduler = false;
            options.ConfigureWebHost = web => web.UseTestServer();
            foreach (var (key, value) in configuration) options.Configuration[key] = value;
            configure?.Invoke(options);
        });

    /// <summary>A host configuration on the database <paramref name="connectionString"/>, to which the <c>With…</c> methods add.</summary>
    public static Dictionary<string, string?> Configuration(string connectionString) =>
        new() { ["Amigo:Database:ConnectionString"] = connectionString };

    /// <summary>Adds an academy on <paramref name="itopUrl"/> (by default where nothing answers) to a host configuration.</summary>
    public static Dictionary<string, string?> WithAcademy(this Dictionary<string, string?> configuration, string id, string? displayName = null,
        string itopUrl = NoITopUrl, string user = "connector", string password = "secret")
    {
        var prefix = $"Amigo:Academies:{id}:";
        if (displayName is not null) configuration[prefix + "DisplayName"] = displayName;
        configuration[prefix + "ITop:Url"] = itopUrl;
        configuration[prefix + "ITop:User"] = user;
        configuration[prefix + "ITop:Password"] = password;
        return configuration;
    }

    /// <summary>Enables plugin <paramref name="pluginId"/> for <paramref name="academy"/> with <paramref name="settings"/> (flat keys).</summary>
    public static Dictionary<string, string?> WithPlugin(this Dictionary<string, string?> configuration, string academy, string pluginId,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var prefix = $"Amigo:Academies:{academy}:Plugins:{pluginId}:";
        configuration[prefix + "Enabled"] = "true";
        foreach (var (key, value) in settings ?? []) configuration[prefix + key] = value;
        return configuration;
    }

    /// <summary>
    /// Adds API key number <paramref name="index"/>: an admin key (every academy) when <paramref name="academy"/> is
    /// <c>null</c>, else a key of that academy only.
    /// </summary>
    public static Dictionary<string, string?> WithApiKey(this Dictionary<string, string?> configuration, int index, string name, string key,
        string? academy = null)
    {
        var prefix = $"Amigo:ApiKeys:{index}:";
        configuration[prefix + "Name"] = name;
        configuration[prefix + "Key"] = key;
        if (academy is null) configuration[prefix + "Admin"] = "true";
        else configuration[prefix + "Academy"] = academy;
        return configuration;
    }

    /// <summary>An HTTP client of a TestServer host, sending <paramref name="apiKey"/> when given.</summary>
    public static HttpClient Client(this WebApplication app, string? apiKey)
    {
        var client = app.GetTestClient();
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }
}
