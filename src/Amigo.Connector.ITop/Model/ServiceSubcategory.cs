namespace Amigo.Connector.ITop.Model;

/// <summary>An iTop <c>ServiceSubcategory</c> (the "type de demande" under a service).</summary>
public sealed record ServiceSubcategory(
    long Id, string Name, string? FriendlyName, long? ServiceId, string? ServiceName, string? RequestType, string? Status, string? Description, ITopObject Source)
{
    /// <summary>The iTop class.</summary>
    public const string ClassName = "ServiceSubcategory";

    /// <summary>The <c>output_fields</c> the mapper reads.</summary>
    public static readonly IReadOnlyList<string> Fields = ["id", "name", "friendlyname", "service_id", "service_name", "request_type", "status", "description"];

    /// <summary>Maps an object read with <see cref="Fields"/>.</summary>
    public static ServiceSubcategory FromObject(ITopObject source, ITopTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new ServiceSubcategory(source.Key, source.Required("name"), source.NonEmpty("friendlyname"), source.GetExternalKey("service_id"),
            source.NonEmpty("service_name"), source.NonEmpty("request_type"), source.NonEmpty("status"), source.NonEmpty("description"), source);
    }
}
