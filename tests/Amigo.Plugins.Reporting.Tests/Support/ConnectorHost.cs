using Amigo.Connector.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Amigo.Plugins.Reporting.Tests.Support;

/// <summary>The real connector host (ConnectorApplication) with the reporting plugin enabled for Toulouse and Montpellier.</summary>
public static class ConnectorHost
{
    public const string AdminKey = "admin-key-0123456789abcdef";
    public const string ToulouseKey = "toulouse-key-0123456789abcdef";

    public static WebApplication Build(string connectionString, Action<IWebHostBuilder> configureWebHost)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Amigo:Database:ConnectionString"] = connectionString,
            ["Amigo:ApiKeys:0:Name"] = "ops",
            ["Amigo:ApiKeys:0:Key"] = AdminKey,
            ["Amigo:ApiKeys:0:Admin"] = "true",
            ["Amigo:ApiKeys:1:Name"] = "toulouse-manager",
            ["Amigo:ApiKeys:1:Key"] = ToulouseKey,
            ["Amigo:ApiKeys:1:Academy"] = "toulouse",
        };
        foreach (var academy in new[] { KnownDataSet.Toulouse, KnownDataSet.Montpellier })
        {
            configuration[$"Amigo:Academies:{academy}:DisplayName"] = "Académie de " + academy;
            configuration[$"Amigo:Academies:{academy}:ITop:Url"] = "http://127.0.0.1:9/";
            configuration[$"Amigo:Academies:{academy}:ITop:User"] = "connector";
            configuration[$"Amigo:Academies:{academy}:ITop:Password"] = "secret";
            configuration[$"Amigo:Academies:{academy}:Plugins:reporting:Enabled"] = "true";
        }
        return ConnectorApplication.Build([], options =>
        {
            options.ScanPluginsFolder = false;
            options.PluginAssemblies.Add(typeof(ReportingPlugin).Assembly);
            options.RunScheduler = false;
            options.TimeProvider = new FakeTimeProvider(KnownDataSet.Now);
            options.ConfigureWebHost = configureWebHost;
            foreach (var (key, value) in configuration)
                options.Configuration[key] = value;
        });
    }
}
