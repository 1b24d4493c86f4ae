using Amigo.Connector.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Amigo.Plugins.ArenaSso.Tests.Support;

/// <summary>The real connector host on Kestrel (loopback, free port) with the bridge enabled for Toulouse.</summary>
internal static class KestrelBridgeHost
{
    /// <summary>Builds it; <paramref name="arena"/> adds the bridge's own settings (hand-off mode, iTop's address…).</summary>
    public static WebApplication Build(string connectionString, IReadOnlyDictionary<string, string> arena) =>
        ConnectorApplication.Build([], options =>
        {
            options.ScanPluginsFolder = false;
            options.RunScheduler = false;
            options.PluginAssemblies.Add(typeof(ArenaSsoPlugin).Assembly);
            options.ConfigureWebHost = web => web.UseUrls("http://127.0.0.1:0");
            var c = options.Configuration;
            c["Amigo:Database:ConnectionString"] = connectionString;
            c["Amigo:Academies:toulouse:ITop:Url"] = "http://127.0.0.1:9/";
            c["Amigo:Academies:toulouse:ITop:User"] = "amigo-arena";
            c["Amigo:Academies:toulouse:ITop:Password"] = "unused";
            const string plugin = "Amigo:Academies:toulouse:Plugins:arena:";
            c[plugin + "Enabled"] = "true";
            c[plugin + "TrustedProxies:0"] = "127.0.0.1/32";
            c[plugin + "SharedSecret"] = ArenaScenario.Secret;
            c[plugin + "DefaultOrganizationCode"] = "AC-TLS";
            foreach (var (key, value) in arena) c[plugin + key] = value;
        });
}
