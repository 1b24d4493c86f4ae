namespace Amigo.Connector.ITop.Model;

/// <summary>An iTop <c>ServiceFamily</c> (top level of the catalogue).</summary>
public sealed record ServiceFamily(long Id, string Name, string? FriendlyName, ITopObject Source)
{
    /// <summary>The iTop class.</summary>
    public const string ClassName = "ServiceFamily";

    /// <summary>The <c>output_fields</c> the mapper reads.</summary>
    public static readonly IReadOnlyList<string> Fields = ["id", "name", "friendlyname"];

    /// <summary>Maps an object read with <see cref="Fields"/>.</summary>
    public static ServiceFamily FromObject(ITopObject source, ITopTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new ServiceFamily(source.Key, source.Required("name"), source.NonEmpty("friendlyname"), source);
    }
}
