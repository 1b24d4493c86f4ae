using System.Reflection;
using Amigo.Connector.ITop;
using Newtonsoft.Json.Linq;

namespace Amigo.Plugins.ArenaSso.Provisioning;

/// <summary>
/// Writes a linked set (e.g. <c>UserExternal.profile_list</c>) into <see cref="ITopFields"/>, whose public API only
/// sets scalars and external keys. iTop refuses a user without a profile, so the profiles must go in the same
/// create. Contract gap, reported: remove this adapter once <see cref="ITopFields"/> offers a linked-set setter.
/// </summary>
internal static class LinkedSetFields
{
    private static readonly FieldInfo? Values =
        typeof(ITopFields).GetField("_values", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>Sets <paramref name="attribute"/> to the whole linked set <paramref name="items"/> (replacing iTop's set).</summary>
    public static ITopFields SetLinkedSet(this ITopFields fields, string attribute, IEnumerable<JObject> items)
    {
        OqlNames.EnsureAttribute(attribute);
        if (Values?.GetValue(fields) is not JObject values)
            throw new InvalidOperationException("ITopFields no longer keeps its values where the ARENA bridge expects them; update LinkedSetFields.");
        values[attribute] = new JArray(items);
        return fields;
    }

    /// <summary>A link to an iTop profile, by name (iTop resolves the search on <c>URP_Profiles</c>).</summary>
    public static JObject ProfileLink(string profileName) =>
        new() { ["profileid"] = new JObject { ["name"] = profileName } };
}
