namespace Amigo.Connector.Host.Check;

/// <summary>
/// Every class the sync reads is readable, and every attribute it asks for (the field map's included) exists: one
/// <c>core/get</c> per class with the sync's <c>output_fields</c> and a key that matches nothing. iTop validates the
/// attribute codes before anything else (code 100 "invalid attribute code 'x'", one at a time: the refused one is
/// dropped and the call repeated), then the read and bulk-read rights (code 1), and returns no object.
/// </summary>
internal static class SyncReadsProbe
{
    public static async Task<IReadOnlyList<CheckLine>> RunAsync(string academy, IITopClient itop, AcademyFieldMap fieldMap, string configPath, CancellationToken cancellationToken)
    {
        var lines = new List<CheckLine>();
        var checkedAttributes = 0;
        var classes = SyncFieldLists.For(fieldMap);
        foreach (var (className, fields) in classes)
        {
            var remaining = fields.ToList();
            var unknown = new List<string>();
            string? refused = null;
            while (true)
            {
                try
                {
                    await itop.GetAsync(new ITopGetRequest(className, ITopProbe.Nothing(className), remaining), cancellationToken);
                    break;
                }
                catch (ITopException error) when (ITopProbe.InvalidAttribute(error) is { } attribute && remaining.Remove(attribute))
                {
                    unknown.Add(attribute);
                    if (remaining.Count == 0) break;
                }
                catch (ITopException error) when (error.Code == ITopErrorCodes.Unauthorized)
                {
                    refused = error.ITopMessage;
                    break;
                }
                catch (ITopException error)
                {
                    refused = error.Message;
                    break;
                }
            }

            if (unknown.Count > 0)
                lines.Add(new CheckLine(academy, $"attributes of {className}", CheckOutcome.Failed,
                    $"{className} has no attribute {string.Join(", ", unknown.Select(a => $"'{a}'"))} (asked by the sync)",
                    string.Join("; ", unknown.Select(a => FixFor(a, fieldMap, configPath)))));
            if (refused is not null)
                lines.Add(new CheckLine(academy, $"read {className}", CheckOutcome.Failed, $"core/get {className}: {refused}",
                    $"give the account a profile that may read and export {className} (e.g. Service Desk Agent)"));
            checkedAttributes += fields.Count;
        }

        if (lines.Count == 0)
            lines.Add(new CheckLine(academy, "sync reads", CheckOutcome.Passed,
                $"{classes.Count} classes readable ({string.Join(", ", classes.Select(c => c.ClassName))}); all {checkedAttributes} attributes the sync asks for exist, field map included"));
        return lines;
    }

    private static string FixFor(string attribute, AcademyFieldMap map, string configPath)
    {
        var setting = new (string Name, string? Value)[]
        {
            ("EstablishmentUai", map.EstablishmentUai), ("ServiceDomain", map.ServiceDomain), ("FamilyGroup", map.FamilyGroup),
            ("VisibleBy", map.VisibleBy), ("Beneficiary", map.Beneficiary),
        }.FirstOrDefault(s => s.Value is not null && (s.Value == attribute || s.Value.Replace("->", "_", StringComparison.Ordinal) == attribute)).Name;
        return setting is not null
            ? $"{configPath}:FieldMap:{setting} = '{attribute}': name an attribute this iTop has, or remove the setting (stock iTop has none for it)"
            : $"'{attribute}' is a stock iTop 3.2 attribute the sync needs: this iTop's datamodel lacks it (check the installed modules)";
    }
}
