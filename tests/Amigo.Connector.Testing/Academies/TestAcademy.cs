namespace Amigo.Connector.Testing.Academies;

/// <summary>Academy contexts built the way the host builds them: a plugin's settings under its id in the <c>Plugins</c> section.</summary>
public static class TestAcademy
{
    /// <summary>The academies' time zone (every French academy of the tests).</summary>
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>
    /// An academy whose plugin <paramref name="pluginId"/> has <paramref name="settings"/> (flat keys, e.g. <c>Days</c> or
    /// <c>TrustedProxies:0</c>); Paris time, stock lifecycle and « Académie de {id} » unless told otherwise.
    /// </summary>
    public static AcademyContext Create(string id, IITopClient? itop, string pluginId, IEnumerable<KeyValuePair<string, string?>>? settings = null,
        string? displayName = null, TimeZoneInfo? zone = null, LifecycleProfile? lifecycle = null, AcademyFieldMap? fieldMap = null)
    {
        var plugins = new ConfigurationBuilder()
            .AddInMemoryCollection((settings ?? []).Select(pair => new KeyValuePair<string, string?>($"{pluginId}:{pair.Key}", pair.Value)))
            .Build();
        return Create(id, itop, plugins, displayName, zone, lifecycle, fieldMap);
    }

    /// <summary>An academy whose whole <c>Plugins</c> section is <paramref name="pluginsJson"/> (e.g. <c>{"reassign":{…}}</c>).</summary>
    public static AcademyContext FromJson(string id, IITopClient? itop, string pluginsJson, string? displayName = null, TimeZoneInfo? zone = null,
        LifecycleProfile? lifecycle = null, AcademyFieldMap? fieldMap = null) =>
        Create(id, itop, Configuration(pluginsJson), displayName, zone, lifecycle, fieldMap);

    /// <summary>Configuration read from JSON text.</summary>
    public static IConfiguration Configuration(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    /// <summary>A Paris instant from a wall-clock time.</summary>
    public static DateTimeOffset ParisTime(DateTime local) => new ITopTimeZone(Paris).ToInstant(local);

    // A test that never reaches iTop passes no client: the context then holds none, as in the tests before the kit.
    private static AcademyContext Create(string id, IITopClient? itop, IConfiguration plugins, string? displayName, TimeZoneInfo? zone,
        LifecycleProfile? lifecycle, AcademyFieldMap? fieldMap) =>
        new(id, displayName ?? "Académie de " + id, zone ?? Paris, lifecycle ?? BuiltInProfiles.Stock, fieldMap ?? new AcademyFieldMap(), itop!, plugins);
}
