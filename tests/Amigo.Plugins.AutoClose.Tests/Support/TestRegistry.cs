using Amigo.Connector.Contracts.Academies;

namespace Amigo.Plugins.AutoClose.Tests.Support;

/// <summary>A registry of one academy, with the plugin switched on or off.</summary>
internal sealed class TestRegistry(AcademyContext academy, bool enabled = true) : IAcademyRegistry, IAcademyAccessor
{
    public IReadOnlyList<AcademyContext> All => [academy];
    public AcademyContext Current => academy;
    public AcademyContext? Find(string academyId) => academyId == academy.Id ? academy : null;
    public Task<bool> IsPluginEnabledAsync(string academyId, string pluginId, CancellationToken cancellationToken = default) =>
        Task.FromResult(enabled && academyId == academy.Id && pluginId == "autoclose");
}
