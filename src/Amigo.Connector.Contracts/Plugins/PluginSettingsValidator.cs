namespace Amigo.Connector.Contracts.Plugins;

/// <summary>
/// The one validator of plugin settings, used by the host (start-up, <c>plugins enable</c>, the HTTP switch) and by
/// plugins (<see cref="AcademyContext.GetValidatedPluginSettings{T}"/>): data annotations, then
/// <see cref="IValidatableSettings"/>.
/// </summary>
public static class PluginSettingsValidator
{
    /// <summary>Problems of a plugin's settings for one academy (each naming the setting), empty when valid or when the plugin has none.</summary>
    public static IReadOnlyList<string> Validate(IConnectorPlugin plugin, AcademyContext academy)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(academy);
        if (plugin.SettingsType is not { } type) return [];
        object settings;
        try
        {
            settings = academy.GetPluginSection(plugin.Id).Get(type) ?? Activator.CreateInstance(type)!;
        }
        catch (InvalidOperationException exception)
        {
            return [$"cannot be read: {exception.Message}"];
        }
        return Validate(settings, academy);
    }

    /// <summary>Problems of bound settings for one academy: data annotations first, then the settings' own checks.</summary>
    public static IReadOnlyList<string> Validate(object settings, AcademyContext academy)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
            problems.AddRange(results.Select(r => r.MemberNames.Any()
                ? $"{string.Join(", ", r.MemberNames)}: {r.ErrorMessage}"
                : r.ErrorMessage ?? "invalid"));
        if (settings is IValidatableSettings validatable)
            problems.AddRange(validatable.Validate(academy));
        return problems;
    }
}

/// <summary>A plugin's settings for an academy are invalid; <see cref="Problems"/> names each setting.</summary>
public sealed class PluginSettingsException(string academyId, string pluginId, IReadOnlyList<string> problems)
    : InvalidOperationException($"Settings of plugin '{pluginId}' for academy '{academyId}' are invalid: {string.Join(" ", problems)}")
{
    /// <summary>The academy.</summary>
    public string AcademyId { get; } = academyId;

    /// <summary>The plugin.</summary>
    public string PluginId { get; } = pluginId;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
