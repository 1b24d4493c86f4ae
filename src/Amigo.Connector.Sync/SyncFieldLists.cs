namespace Amigo.Connector.Sync;

/// <summary>
/// Every iTop class the sync reads and the attributes it asks for (field map included), in reading order: what an
/// academy's iTop must have for the sync to work (<c>amigo check</c> verifies each attribute exists).
/// </summary>
public static class SyncFieldLists
{
    /// <summary>(class, output fields) pairs of one academy's sync.</summary>
    public static IReadOnlyList<(string ClassName, IReadOnlyList<string> Fields)> For(AcademyFieldMap fieldMap)
    {
        ArgumentNullException.ThrowIfNull(fieldMap);
        var lists = ReferenceTables.For(fieldMap).Select(r => (r.ClassName, r.OutputFields)).ToList();
        lists.Add(("ServiceFamily", CatalogueTables.FamilyFields(fieldMap)));
        lists.Add(("Service", CatalogueTables.ServiceFields));
        lists.Add(("ServiceSubcategory", CatalogueTables.SubcategoryFields));
        lists.Add(("CustomerContract", CatalogueTables.ContractFields));
        lists.Add((SyncEngine.TicketClass, TicketColumns.OutputFields(fieldMap)));
        return lists;
    }
}
