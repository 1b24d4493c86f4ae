namespace Amigo.Plugins.ArenaSso.Provisioning;

/// <summary>Items of the linked sets the bridge writes (iTop refuses a user without a profile, so profiles go in the same create).</summary>
internal static class LinkedSetFields
{
    /// <summary>A link to an iTop profile, by name (iTop resolves the search on <c>URP_Profiles</c>).</summary>
    public static JObject ProfileLink(string profileName) =>
        new() { ["profileid"] = new JObject { ["name"] = profileName } };
}
