namespace Amigo.Connector.ITop.Model;

/// <summary>An iTop <c>CustomerContract</c>: which services an organization is offered.</summary>
public sealed record CustomerContract(
    long Id, string Name, long? OrgId, string? OrganizationName, long? ProviderId, string? ProviderName, string? Status, DateTimeOffset? StartDate,
    IReadOnlyList<long> ServiceIds, ITopObject Source)
{
    /// <summary>The iTop class.</summary>
    public const string ClassName = "CustomerContract";

    /// <summary>The <c>output_fields</c> the mapper reads.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["id", "name", "org_id", "organization_name", "provider_id", "provider_name", "status", "start_date", "services_list"];

    /// <summary>Maps an object read with <see cref="Fields"/>.</summary>
    public static CustomerContract FromObject(ITopObject source, ITopTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(zone);
        var services = source.Rows("services_list").Select(r => r.Id("service_id")).OfType<long>().ToList();
        return new CustomerContract(source.Key, source.Required("name"), source.GetExternalKey("org_id"), source.NonEmpty("organization_name"),
            source.GetExternalKey("provider_id"), source.NonEmpty("provider_name"), source.NonEmpty("status"), source.Instant("start_date", zone), services, source);
    }
}
