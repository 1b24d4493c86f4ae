namespace Amigo.Connector.ITop.Model;

/// <summary>A member of a team as listed in <c>Team.persons_list</c> (a <c>lnkPersonToTeam</c> row).</summary>
public sealed record TeamMember(long PersonId, string? PersonName, long? RoleId, string? RoleName, string? FriendlyName);

/// <summary>An iTop <c>Team</c>.</summary>
public sealed record Team(
    long Id, string Name, string? FriendlyName, long? OrgId, string? OrgName, string? Email, string? Phone, string? Function, string? Status,
    IReadOnlyList<TeamMember> Members, ITopObject Source)
{
    /// <summary>The iTop class.</summary>
    public const string ClassName = "Team";

    /// <summary>The <c>output_fields</c> the mapper reads (add <c>persons_list</c> for <see cref="Members"/>).</summary>
    public static readonly IReadOnlyList<string> Fields = ["id", "name", "friendlyname", "org_id", "org_name", "email", "phone", "function", "status"];

    /// <summary>Maps an object read with <see cref="Fields"/>.</summary>
    public static Team FromObject(ITopObject source, ITopTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(source);
        var members = source.Rows("persons_list")
            .Select(r => new TeamMember(r.Id("person_id") ?? 0, (string?)r["person_name"], r.Id("role_id"), (string?)r["role_name"], (string?)r["friendlyname"]))
            .Where(m => m.PersonId > 0)
            .ToList();
        return new Team(source.Key, source.Required("name"), source.NonEmpty("friendlyname"), source.GetExternalKey("org_id"), source.NonEmpty("org_name"),
            source.NonEmpty("email"), source.NonEmpty("phone"), source.NonEmpty("function"), source.NonEmpty("status"), members, source);
    }
}
