namespace Amigo.Connector.Host.Check;

/// <summary>A write a plugin makes to iTop, proven read-only by <see cref="RightsProbe"/>.</summary>
/// <param name="Operation"><c>create</c> or <c>modify</c> (updates, stimuli and case-log entries are modifications).</param>
/// <param name="ClassName">iTop class.</param>
public sealed record ITopWriteNeed(string Operation, string ClassName);

/// <summary>
/// What each shipped plugin writes to iTop (the sync's reads are checked for every academy). Reads of the plugins are
/// the sync's classes, or are made by the plugin from PostgreSQL. A plugin missing here writes nothing to iTop.
/// </summary>
public static class PluginITopNeeds
{
    private static readonly Dictionary<string, ITopWriteNeed[]> Needs = new(StringComparer.Ordinal)
    {
        ["autoclose"] = [new("modify", "UserRequest")],
        ["reassign"] = [new("modify", "UserRequest"), new("create", "UserRequest")],
        ["arena"] = [new("create", "Person"), new("modify", "Person"), new("create", "UserExternal"), new("modify", "UserExternal")],
    };

    /// <summary>The writes of <paramref name="pluginId"/> (empty for read-only plugins).</summary>
    public static IReadOnlyList<ITopWriteNeed> Of(string pluginId) => Needs.GetValueOrDefault(pluginId, []);
}
