namespace Amigo.Connector.Host.Jobs;

/// <summary>A job the host can run per academy: the host's own (<c>sync</c>) or a plugin's.</summary>
/// <param name="Id">Full job id (<c>sync</c>, <c>autoclose</c>, <c>reporting.snapshot</c>).</param>
/// <param name="PluginId">The plugin that owns it; null for host jobs, which run for every academy.</param>
/// <param name="Description">What a run does.</param>
/// <param name="DefaultSchedule">Cron used when the academy's configuration gives none; null runs only by hand.</param>
/// <param name="JobType">The <see cref="Contracts.Jobs.IAcademyJob"/> resolved from a fresh scope for each run.</param>
public sealed record JobDescriptor(string Id, string? PluginId, string Description, string? DefaultSchedule, Type JobType)
{
    /// <summary>The full id of a plugin job: <c>{pluginId}.{name}</c>, or the plugin id when the name equals it.</summary>
    public static string FullId(string pluginId, string name) =>
        string.Equals(pluginId, name, StringComparison.OrdinalIgnoreCase) ? pluginId : $"{pluginId}.{name}";
}
