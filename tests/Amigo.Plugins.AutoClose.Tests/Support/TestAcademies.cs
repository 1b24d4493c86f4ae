namespace Amigo.Plugins.AutoClose.Tests.Support;

/// <summary>The kit's academies with this plugin's section given as flat keys.</summary>
internal static class TestAcademies
{
    public static readonly TimeZoneInfo Paris = TestAcademy.Paris;

    public static AcademyContext Create(string id, IITopClient itop, IDictionary<string, string?>? autoclose = null, LifecycleProfile? profile = null) =>
        TestAcademy.Create(id, itop, AutoClosePlugin.PluginId, autoclose, $"Académie {id}", lifecycle: profile);

    /// <summary>A Paris instant from a wall-clock time.</summary>
    public static DateTimeOffset ParisTime(DateTime local) => TestAcademy.ParisTime(local);
}
