namespace Amigo.Connector.Sync;

/// <summary>One subcategory with its service and family (the catalogue flattened), or one (organization, service) offer.</summary>
internal sealed record CatalogueRow(ITopObject Subcategory, ITopObject? Service, ITopObject? Family);

/// <summary>An organization may use a service through a customer contract.</summary>
internal sealed record OfferRow(long OrgId, long ServiceId, long ContractId);

/// <summary>Tables of the service catalogue: ServiceFamily &gt; Service &gt; ServiceSubcategory into <c>catalogue_entries</c>, CustomerContract services into <c>service_offers</c>.</summary>
internal static class CatalogueTables
{
    public static readonly IReadOnlyList<string> ServiceFields = ["id", "name", "description", "status", "servicefamily_id"];
    public static readonly IReadOnlyList<string> SubcategoryFields = ["id", "name", "description", "request_type", "status", "service_id"];
    public static readonly IReadOnlyList<string> ContractFields = ["id", "org_id", "services_list"];

    public static IReadOnlyList<string> FamilyFields(AcademyFieldMap map) =>
        new[] { "id", "name", map.ServiceDomain, map.FamilyGroup }.OfType<string>().Select(OqlNames.EnsureAttribute).Distinct(StringComparer.Ordinal).ToList();

    public static StagedTable<CatalogueRow> Entries(AcademyFieldMap map) => new("catalogue_entries", ["subcategory_id"],
    [
        new("subcategory_id", NpgsqlDbType.Bigint, r => r.Subcategory.Key),
        new("subcategory_name", NpgsqlDbType.Text, r => r.Subcategory.Required("name")),
        new("subcategory_description", NpgsqlDbType.Text, r => r.Subcategory.Text("description")),
        new("request_type", NpgsqlDbType.Text, r => r.Subcategory.Text("request_type")),
        new("subcategory_status", NpgsqlDbType.Text, r => r.Subcategory.Text("status")),
        new("service_id", NpgsqlDbType.Bigint, r => r.Subcategory.GetExternalKey("service_id") ?? 0L),
        new("service_name", NpgsqlDbType.Text, r => r.Service?.Required("name") ?? ""),
        new("service_description", NpgsqlDbType.Text, r => r.Service?.Text("description")),
        new("service_status", NpgsqlDbType.Text, r => r.Service?.Text("status")),
        new("family_id", NpgsqlDbType.Bigint, r => r.Family?.Key),
        new("family_name", NpgsqlDbType.Text, r => r.Family?.Text("name")),
        new("family_group_name", NpgsqlDbType.Text, r => r.Family?.Text(map.FamilyGroup)),
        new("domain_name", NpgsqlDbType.Text, r => r.Family?.Text(map.ServiceDomain)),
    ]);

    public static readonly StagedTable<OfferRow> Offers = new("service_offers", ["org_id", "service_id"],
    [
        new("org_id", NpgsqlDbType.Bigint, r => r.OrgId),
        new("service_id", NpgsqlDbType.Bigint, r => r.ServiceId),
        new("contract_id", NpgsqlDbType.Bigint, r => r.ContractId),
    ], HasSyncedAt: false);

    public static IEnumerable<OfferRow> OffersOf(ITopObject contract)
    {
        if (contract.GetExternalKey("org_id") is not { } orgId || !contract.Fields.TryGetValue("services_list", out var list) || list is not Newtonsoft.Json.Linq.JArray rows)
        {
            yield break;
        }

        foreach (var row in rows.OfType<Newtonsoft.Json.Linq.JObject>())
        {
            var text = (string?)row["service_id"];
            if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var serviceId) && serviceId > 0)
            {
                yield return new OfferRow(orgId, serviceId, contract.Key);
            }
        }
    }
}
