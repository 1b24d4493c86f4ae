using Amigo.Connector.Contracts.Academies;
using Amigo.Connector.Contracts.Lifecycle;
using Amigo.Connector.ITop;
using Microsoft.Extensions.Configuration;

namespace Amigo.Plugins.AutoClose.Tests.Support;

/// <summary>Academy contexts as the host builds them, with the autoclose section given as flat keys.</summary>
internal static class TestAcademies
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static AcademyContext Create(string id, IITopClient itop, IDictionary<string, string?>? autoclose = null, LifecycleProfile? profile = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection((autoclose ?? new Dictionary<string, string?>())
                .Select(pair => new KeyValuePair<string, string?>($"autoclose:{pair.Key}", pair.Value)))
            .Build();
        return new AcademyContext(id, $"Académie {id}", Paris, profile ?? BuiltInProfiles.Stock, new AcademyFieldMap(), itop, configuration);
    }

    /// <summary>A Paris instant from a wall-clock time.</summary>
    public static DateTimeOffset ParisTime(DateTime local) => new ITopTimeZone(Paris).ToInstant(local);
}
