namespace Amigo.Connector.Host.Tests;

/// <summary>Builds real hosts (TestServer) with two academies, toulouse and montpellier.</summary>
internal static class TestHosts
{
    public const string AdminKey = ConnectorTestHost.AdminKey;
    public const string ToulouseKey = "toulouse-key-0123456789abcdef";
    public const string NoDatabase = "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2";

    /// <summary>Two academies; <c>counting</c> enabled for toulouse only (label keyed), API keys admin and toulouse.</summary>
    public static Dictionary<string, string?> Configuration(string connectionString, string label, string itopUrl = "http://127.0.0.1:9/")
    {
        var configuration = ConnectorTestHost.Configuration(connectionString)
            .WithAcademy("toulouse", "Académie de Toulouse", itopUrl)
            .WithPlugin("toulouse", "counting", [new("Label", label)])
            .WithPlugin("toulouse", "open")
            .WithAcademy("montpellier", "Académie de Montpellier", itopUrl)
            .WithApiKey(0, "ops", AdminKey)
            .WithApiKey(1, "toulouse-admin", ToulouseKey, academy: "toulouse");
        configuration["Amigo:Academies:montpellier:Plugins:counting:Label"] = label;
        configuration["Amigo:Database:MigrateOnStart"] = "true";
        return configuration;
    }

    /// <summary>A host with the test assembly's plugins, no plugins folder, no scheduler, on a TestServer.</summary>
    public static WebApplication Create(Dictionary<string, string?> configuration, Action<ConnectorHostOptions>? configure = null) =>
        ConnectorTestHost.Build(configuration, options =>
        {
            options.PluginAssemblies.Add(typeof(CountingPlugin).Assembly);
            configure?.Invoke(options);
        });

    /// <summary>The plugins the product ships (the host project's build output).</summary>
    public static string ShippedPluginsFolder() => ShippedPlugins.Folder();
}
