namespace Amigo.Connector.Contracts.Academies;

/// <summary>Everything a plugin needs to know about one academy, built by the host from validated configuration.</summary>
public sealed class AcademyContext
{
    /// <summary>Creates the context of an academy.</summary>
    public AcademyContext(
        string id,
        string displayName,
        TimeZoneInfo timeZone,
        LifecycleProfile lifecycle,
        AcademyFieldMap fieldMap,
        IITopClient itop,
        IConfiguration pluginSettings)
    {
        (Id, DisplayName, TimeZone, Lifecycle, FieldMap, ITop, _pluginSettings) =
            (id, displayName, timeZone, lifecycle, fieldMap, itop, pluginSettings);
    }

    private readonly IConfiguration _pluginSettings;

    /// <summary>The same academy on another iTop client (the host connects the configuration's academies this way).</summary>
    public AcademyContext WithITop(IITopClient itop) => new(Id, DisplayName, TimeZone, Lifecycle, FieldMap, itop, _pluginSettings);

    /// <summary>Academy id (lower case), e.g. <c>toulouse</c>.</summary>
    public string Id { get; }

    /// <summary>Name shown to people, e.g. <c>Académie de Toulouse</c>.</summary>
    public string DisplayName { get; }

    /// <summary>The iTop instance's time zone (default Europe/Paris).</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>How the academy's iTop statuses group and which stimuli perform the connector's actions.</summary>
    public LifecycleProfile Lifecycle { get; }

    /// <summary>Where the academy's iTop keeps what stock iTop lacks.</summary>
    public AcademyFieldMap FieldMap { get; }

    /// <summary>The academy's iTop.</summary>
    public IITopClient ITop { get; }

    /// <summary>The raw configuration section <c>Amigo:Academies:{id}:Plugins:{pluginId}</c> (empty when absent).</summary>
    public IConfiguration GetPluginSection(string pluginId) => _pluginSettings.GetSection(pluginId);

    /// <summary>The plugin's settings for this academy, bound and already validated by the host at start-up.</summary>
    public T GetPluginSettings<T>(string pluginId) where T : class, new() =>
        GetPluginSection(pluginId).Get<T>() ?? new T();

    /// <summary>
    /// The plugin's settings for this academy, checked by the one validator (<see cref="Plugins.PluginSettingsValidator"/>:
    /// data annotations, then <see cref="Plugins.IValidatableSettings"/>); throws <see cref="Plugins.PluginSettingsException"/>
    /// listing every problem. The host validated them at start-up; this guards a run against a switch made since.
    /// </summary>
    public T GetValidatedPluginSettings<T>(string pluginId) where T : class, new()
    {
        var settings = GetPluginSettings<T>(pluginId);
        var problems = Plugins.PluginSettingsValidator.Validate(settings, this);
        return problems.Count == 0 ? settings : throw new Plugins.PluginSettingsException(Id, pluginId, problems);
    }

    /// <inheritdoc />
    public override string ToString() => Id;
}
