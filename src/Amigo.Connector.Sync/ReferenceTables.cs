namespace Amigo.Connector.Sync;

/// <summary>A reference class read whole at every sync (small volumes, no <c>last_update</c> in iTop) and mirrored into one table.</summary>
internal sealed record ReferenceClass(string ClassName, IReadOnlyList<string> OutputFields, StagedTable<ITopObject> Table, Func<ITopObject, IEnumerable<ITopObject>>? Expand = null);

/// <summary>The mirrored reference classes and their columns.</summary>
internal static class ReferenceTables
{
    private static StagedColumn<ITopObject> Id(string name = "itop_id") => new(name, NpgsqlDbType.Bigint, o => o.Key);
    private static StagedColumn<ITopObject> Text(string name, string attribute) => new(name, NpgsqlDbType.Text, o => o.Text(attribute));
    private static StagedColumn<ITopObject> Required(string name, string attribute) => new(name, NpgsqlDbType.Text, o => o.Required(attribute));
    private static StagedColumn<ITopObject> Key(string name, string attribute) => new(name, NpgsqlDbType.Bigint, o => o.Key(attribute));

    public static IReadOnlyList<ReferenceClass> For(AcademyFieldMap fieldMap)
    {
        var personFields = new List<string> { "id", "first_name", "name", "email", "org_id", "status" };
        if (fieldMap.PersonExternalId is { } externalId)
        {
            personFields.Add(OqlNames.EnsureAttribute(externalId));
        }

        return
        [
            new("Organization", ["id", "name", "code", "parent_id", "status"], new StagedTable<ITopObject>("organizations", ["itop_id"],
                [Id(), Required("name", "name"), Text("code", "code"), Key("parent_id", "parent_id"), Text("status", "status")])),
            new("Person", personFields, new StagedTable<ITopObject>("persons", ["itop_id"],
                [Id(), Text("first_name", "first_name"), Required("last_name", "name"), Text("email", "email"), Key("org_id", "org_id"),
                 Text("status", "status"), new("external_id", NpgsqlDbType.Text, o => o.Text(fieldMap.PersonExternalId))])),
            new("Team", ["id", "name", "email", "org_id", "status"], new StagedTable<ITopObject>("teams", ["itop_id"],
                [Id(), Required("name", "name"), Text("email", "email"), Key("org_id", "org_id"), Text("status", "status")])),
            new("lnkPersonToTeam", ["id", "team_id", "person_id", "role_name"], new StagedTable<ITopObject>("team_members", ["team_id", "person_id"],
                [Key("team_id", "team_id"), Key("person_id", "person_id"), Text("role_name", "role_name")], HasSyncedAt: false)),
        ];
    }
}
