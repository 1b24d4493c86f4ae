using System.Text;
using Amigo.Connector.Contracts.Academies;
using Amigo.Connector.Contracts.Lifecycle;
using Amigo.Connector.ITop;
using Microsoft.Extensions.Configuration;

namespace Amigo.Plugins.Reassignment.Tests.Support;

/// <summary>Builds academy contexts the way the host does: plugin settings under <c>Plugins:reassign</c>.</summary>
public static class TestAcademies
{
    /// <summary>An academy whose plugin section is <paramref name="pluginsJson"/> (e.g. <c>{"reassign":{…}}</c>).</summary>
    public static AcademyContext Create(string id, string displayName, IITopClient itop, string pluginsJson, AcademyFieldMap? fieldMap = null,
        LifecycleProfile? lifecycle = null) =>
        new(id, displayName, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), lifecycle ?? BuiltInProfiles.Stock, fieldMap ?? new AcademyFieldMap(), itop,
            Configuration(pluginsJson));

    /// <summary>Configuration read from JSON text.</summary>
    public static IConfiguration Configuration(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
}

/// <summary>A fixed set of academies, every plugin enabled.</summary>
public sealed class TestRegistry(params AcademyContext[] academies) : IAcademyRegistry
{
    private readonly List<AcademyContext> _academies = [.. academies];

    /// <summary>Adds an academy after construction.</summary>
    public void Add(AcademyContext academy) => _academies.Add(academy);

    /// <inheritdoc />
    public IReadOnlyList<AcademyContext> All => _academies;

    /// <inheritdoc />
    public AcademyContext? Find(string academyId) => _academies.FirstOrDefault(a => string.Equals(a.Id, academyId, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public Task<bool> IsPluginEnabledAsync(string academyId, string pluginId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(academyId) is not null);
}
