namespace Amigo.Connector.Host.Plugins;

/// <summary>What one hosted service of a plugin is doing (<c>GET /health</c>, <c>pluginServices</c>).</summary>
/// <param name="Plugin">The plugin that registered the service.</param>
/// <param name="Service">The service's type name.</param>
/// <param name="State">
/// <c>running</c>; <c>stopped</c> (no academy enables the plugin, or the host is stopping); <c>failed</c> (its start
/// threw, or its background work ended with an error: tried again at the next switch change).
/// </param>
/// <param name="Since">When it entered this state (the host's clock).</param>
/// <param name="Error">What went wrong, for <c>failed</c>.</param>
public sealed record PluginHostedServiceStatus(string Plugin, string Service, string State, DateTimeOffset Since, string? Error)
{
    /// <summary>The service runs.</summary>
    public const string Running = "running";

    /// <summary>The service does not run, by design.</summary>
    public const string Stopped = "stopped";

    /// <summary>The service should run but does not: its start or its background work failed.</summary>
    public const string Failed = "failed";
}
