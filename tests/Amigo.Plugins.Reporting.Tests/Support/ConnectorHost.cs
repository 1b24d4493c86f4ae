namespace Amigo.Plugins.Reporting.Tests.Support;

/// <summary>
/// The real connector host (the kit's harness) with the reporting plugin enabled for Toulouse and Montpellier; with
/// <c>withRetention</c>, the retention plugin (which contributes a report) is loaded too and enabled for Toulouse only.
/// </summary>
public static class ConnectorHost
{
    public const string AdminKey = ConnectorTestHost.AdminKey;
    public const string ToulouseKey = "toulouse-key-0123456789abcdef";

    public static WebApplication Build(string connectionString, Action<IWebHostBuilder> configureWebHost, bool withRetention = false,
        Action<IServiceCollection>? configureServices = null)
    {
        var configuration = ConnectorTestHost.Configuration(connectionString)
            .WithApiKey(0, "ops", AdminKey)
            .WithApiKey(1, "toulouse-manager", ToulouseKey, academy: "toulouse");
        foreach (var academy in new[] { KnownDataSet.Toulouse, KnownDataSet.Montpellier })
            configuration.WithAcademy(academy, "Académie de " + academy).WithPlugin(academy, ReportingPlugin.PluginId);
        if (withRetention)
            configuration.WithPlugin(KnownDataSet.Toulouse, Amigo.Plugins.Retention.RetentionPlugin.PluginId);
        return ConnectorTestHost.Build(configuration, options =>
        {
            options.PluginAssemblies.Add(typeof(ReportingPlugin).Assembly);
            if (withRetention)
                options.PluginAssemblies.Add(typeof(Amigo.Plugins.Retention.RetentionPlugin).Assembly);
            options.TimeProvider = new FakeTimeProvider(KnownDataSet.Now);
            options.ConfigureWebHost = configureWebHost;
            options.ConfigureServices = configureServices;
        });
    }
}
