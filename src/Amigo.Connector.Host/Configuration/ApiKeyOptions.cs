namespace Amigo.Connector.Host.Configuration;

/// <summary>One entry of <c>Amigo:ApiKeys</c>: a key accepted in the <c>X-Api-Key</c> header.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Who holds the key (recorded as the author of plugin switches and manual runs).</summary>
    public string? Name { get; set; }

    /// <summary>The key in clear: only for local trials.</summary>
    public string? Key { get; set; }

    /// <summary>File holding the key.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Environment variable holding the key.</summary>
    public string? KeyEnvironmentVariable { get; set; }

    /// <summary>The one academy the key may see and change; null with <see cref="Admin"/> for every academy.</summary>
    public string? Academy { get; set; }

    /// <summary>Whether the key sees and changes every academy.</summary>
    public bool Admin { get; set; }
}
