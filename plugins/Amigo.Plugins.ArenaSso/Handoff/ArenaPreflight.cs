namespace Amigo.Plugins.ArenaSso.Handoff;

/// <summary>The bridge's line of <c>amigo check</c>: in reverse-proxy mode, iTop answers under the bridge's path.</summary>
public sealed class ArenaPreflight : IPluginPreflight
{
    /// <inheritdoc />
    public string PluginId => ArenaSsoPlugin.PluginId;

    /// <inheritdoc />
    public async Task<IReadOnlyList<PreflightLine>> CheckAsync(AcademyContext academy, CancellationToken cancellationToken)
    {
        var check = await ArenaPortalProbe.ProbeAsync(academy, cancellationToken: cancellationToken);
        return [new PreflightLine("arena: iTop's portal under the bridge's path", check.Ok, check.Summary, check.Fix)];
    }
}
