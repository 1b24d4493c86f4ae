namespace Amigo.Connector.ITop.Model;

/// <summary>An iTop <c>lnkPersonToTeam</c> row: a person's membership of a team.</summary>
public sealed record PersonTeamLink(
    long Id, long TeamId, string? TeamName, long PersonId, string? PersonName, string? PersonFriendlyName, long? RoleId, string? RoleName, ITopObject Source)
{
    /// <summary>The iTop class.</summary>
    public const string ClassName = "lnkPersonToTeam";

    /// <summary>The <c>output_fields</c> the mapper reads.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["id", "team_id", "team_name", "person_id", "person_name", "person_id_friendlyname", "role_id", "role_name"];

    /// <summary>Maps an object read with <see cref="Fields"/>.</summary>
    public static PersonTeamLink FromObject(ITopObject source, ITopTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new PersonTeamLink(source.Key,
            source.GetExternalKey("team_id") ?? throw new ITopFormatException($"lnkPersonToTeam::{source.Key} has no team_id."),
            source.NonEmpty("team_name"),
            source.GetExternalKey("person_id") ?? throw new ITopFormatException($"lnkPersonToTeam::{source.Key} has no person_id."),
            source.NonEmpty("person_name"), source.NonEmpty("person_id_friendlyname"), source.GetExternalKey("role_id"), source.NonEmpty("role_name"), source);
    }
}
