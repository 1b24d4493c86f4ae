namespace Amigo.Plugins.ArenaSso.Tests.Support;

/// <summary>The real connector host with the bridge enabled for Toulouse, by default on Kestrel (loopback, free port).</summary>
internal static class BridgeConnectorHost
{
    /// <summary>
    /// Builds it; <paramref name="arena"/> adds to (or overrides) the bridge's settings (hand-off mode, iTop's address,
    /// trusted proxies…); the academy's iTop is where nothing answers unless <paramref name="itop"/> is given.
    /// </summary>
    public static WebApplication Build(string connectionString, IReadOnlyDictionary<string, string?> arena, Action<IWebHostBuilder>? web = null,
        (string Url, string User, string Password)? itop = null)
    {
        var (url, user, password) = itop ?? (ConnectorTestHost.NoITopUrl, "amigo-arena", "unused");
        var configuration = ConnectorTestHost.Configuration(connectionString)
            .WithAcademy("toulouse", "Académie de Toulouse", url, user, password)
            .WithPlugin("toulouse", "arena", new Dictionary<string, string?>
            {
                ["TrustedProxies:0"] = "127.0.0.1/32",
                ["SharedSecret"] = ArenaScenario.Secret,
                ["DefaultOrganizationCode"] = "AC-TLS",
            }.Concat(arena));
        return ConnectorTestHost.Build(configuration, options =>
        {
            options.PluginAssemblies.Add(typeof(ArenaSsoPlugin).Assembly);
            options.ConfigureWebHost = web ?? (builder => builder.UseUrls("http://127.0.0.1:0"));
        });
    }
}
