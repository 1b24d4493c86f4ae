namespace Amigo.Connector.ITop.Model;

/// <summary>An iTop <c>Service</c> of the catalogue.</summary>
public sealed record Service(
    long Id, string Name, string? FriendlyName, long? OrgId, string? OrganizationName, long? ServiceFamilyId, string? ServiceFamilyName,
    string? Status, string? Description, ITopObject Source)
{
    /// <summary>The iTop class.</summary>
    public const string ClassName = "Service";

    /// <summary>The <c>output_fields</c> the mapper reads.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["id", "name", "friendlyname", "org_id", "organization_name", "servicefamily_id", "servicefamily_name", "status", "description"];

    /// <summary>Maps an object read with <see cref="Fields"/>.</summary>
    public static Service FromObject(ITopObject source, ITopTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Service(source.Key, source.Required("name"), source.NonEmpty("friendlyname"), source.GetExternalKey("org_id"), source.NonEmpty("organization_name"),
            source.GetExternalKey("servicefamily_id"), source.NonEmpty("servicefamily_name"), source.NonEmpty("status"), source.NonEmpty("description"), source);
    }
}
