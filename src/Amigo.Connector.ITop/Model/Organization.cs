namespace Amigo.Connector.ITop.Model;

/// <summary>An iTop <c>Organization</c> (an academy, a department, an establishment…).</summary>
public sealed record Organization(long Id, string Name, string? Code, string? Status, long? ParentId, string? FriendlyName, ITopObject Source)
{
    /// <summary>The iTop class.</summary>
    public const string ClassName = "Organization";

    /// <summary>The <c>output_fields</c> the mapper reads.</summary>
    public static readonly IReadOnlyList<string> Fields = ["id", "name", "code", "status", "parent_id", "friendlyname"];

    /// <summary>Maps an object read with <see cref="Fields"/>.</summary>
    public static Organization FromObject(ITopObject source, ITopTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Organization(source.Key, source.Required("name"), source.NonEmpty("code"), source.NonEmpty("status"), source.GetExternalKey("parent_id"),
            source.NonEmpty("friendlyname"), source);
    }
}
