namespace Amigo.Connector.Testing.Academies;

/// <summary>
/// A fixed set of academies (more can be added), found by id as the host finds them (case-insensitive). Every plugin is
/// enabled unless <see cref="EnabledPlugins"/> names the enabled ones. As an <see cref="IAcademyAccessor"/> it gives
/// the single academy of a one-academy registry (endpoints tested without routing).
/// </summary>
public sealed class TestAcademyRegistry(params AcademyContext[] academies) : IAcademyRegistry, IAcademyAccessor
{
    private readonly List<AcademyContext> _academies = [.. academies];

    /// <summary>The plugins enabled in every academy; <c>null</c> (the default) for all of them.</summary>
    public IReadOnlySet<string>? EnabledPlugins { get; init; }

    /// <summary>Adds an academy after construction.</summary>
    public void Add(AcademyContext academy) => _academies.Add(academy);

    /// <inheritdoc />
    public IReadOnlyList<AcademyContext> All => _academies;

    /// <inheritdoc />
    public AcademyContext Current => _academies.Count == 1 ? _academies[0] : throw new InvalidOperationException("The registry holds more than one academy.");

    /// <inheritdoc />
    public AcademyContext? Find(string academyId) => _academies.FirstOrDefault(a => string.Equals(a.Id, academyId, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public Task<bool> IsPluginEnabledAsync(string academyId, string pluginId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(academyId) is not null && (EnabledPlugins is null || EnabledPlugins.Contains(pluginId)));
}
