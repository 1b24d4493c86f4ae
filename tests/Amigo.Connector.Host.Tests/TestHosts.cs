using Amigo.Connector.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Amigo.Connector.Host.Tests;

/// <summary>Builds real hosts (TestServer) with two academies, toulouse and montpellier.</summary>
internal static class TestHosts
{
    public const string AdminKey = "admin-key-0123456789abcdef";
    public const string ToulouseKey = "toulouse-key-0123456789abcdef";
    public const string NoDatabase = "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2";

    /// <summary>Two academies; <c>counting</c> enabled for toulouse only (label keyed), API keys admin and toulouse.</summary>
    public static Dictionary<string, string?> Configuration(string connectionString, string label, string itopUrl = "http://127.0.0.1:9/") => new()
    {
        ["Amigo:Database:ConnectionString"] = connectionString,
        ["Amigo:Academies:toulouse:DisplayName"] = "Académie de Toulouse",
        ["Amigo:Academies:toulouse:ITop:Url"] = itopUrl,
        ["Amigo:Academies:toulouse:ITop:User"] = "connector",
        ["Amigo:Academies:toulouse:ITop:Password"] = "secret",
        ["Amigo:Academies:toulouse:Plugins:counting:Enabled"] = "true",
        ["Amigo:Academies:toulouse:Plugins:counting:Label"] = label,
        ["Amigo:Academies:toulouse:Plugins:open:Enabled"] = "true",
        ["Amigo:Academies:montpellier:DisplayName"] = "Académie de Montpellier",
        ["Amigo:Academies:montpellier:ITop:Url"] = itopUrl,
        ["Amigo:Academies:montpellier:ITop:User"] = "connector",
        ["Amigo:Academies:montpellier:ITop:Password"] = "secret",
        ["Amigo:Academies:montpellier:Plugins:counting:Label"] = label,
        ["Amigo:ApiKeys:0:Name"] = "ops",
        ["Amigo:ApiKeys:0:Key"] = AdminKey,
        ["Amigo:ApiKeys:0:Admin"] = "true",
        ["Amigo:ApiKeys:1:Name"] = "toulouse-admin",
        ["Amigo:ApiKeys:1:Key"] = ToulouseKey,
        ["Amigo:ApiKeys:1:Academy"] = "toulouse",
        ["Amigo:Database:MigrateOnStart"] = "true",
    };

    /// <summary>A host with the test assembly's plugins, no plugins folder, no scheduler, on a TestServer.</summary>
    public static WebApplication Create(Dictionary<string, string?> configuration, Action<ConnectorHostOptions>? configure = null) =>
        ConnectorApplication.Build([], options =>
        {
            options.ScanPluginsFolder = false;
            options.PluginAssemblies.Add(typeof(CountingPlugin).Assembly);
            options.RunScheduler = false;
            options.ConfigureWebHost = web => web.UseTestServer();
            foreach (var (key, value) in configuration) options.Configuration[key] = value;
            configure?.Invoke(options);
        });

    /// <summary>The plugins the product ships (the host project's build output).</summary>
    public static string ShippedPluginsFolder() => Amigo.Connector.Testing.Host.ShippedPlugins.Folder();

    public static HttpClient Client(this WebApplication app, string? apiKey)
    {
        var client = app.GetTestClient();
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }
}
