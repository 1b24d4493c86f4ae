namespace Amigo.Connector.Contracts.Plugins;

/// <summary>
/// A plugin's own lines of <c>amigo check</c> (and of the preflight <c>serve</c> runs at start), for what only the
/// plugin knows how to prove, e.g. that iTop is deployed the way its bridge needs. Run for the academies where the
/// plugin is enabled; read-only, like every preflight probe. Register it in <see cref="IConnectorPlugin.ConfigureServices"/>.
/// </summary>
public interface IPluginPreflight
{
    /// <summary>The plugin the lines belong to (they run only where it is enabled).</summary>
    string PluginId { get; }

    /// <summary>Checks one academy; a line per fact proven or refuted.</summary>
    Task<IReadOnlyList<PreflightLine>> CheckAsync(AcademyContext academy, CancellationToken cancellationToken);
}

/// <summary>One line of a plugin's preflight.</summary>
/// <param name="Check">What was checked (English, e.g. "arena: iTop served under the bridge's path").</param>
/// <param name="Passed">Whether it holds.</param>
/// <param name="Detail">What was seen.</param>
/// <param name="Fix">What to do when it does not hold.</param>
public sealed record PreflightLine(string Check, bool Passed, string Detail, string? Fix = null);
