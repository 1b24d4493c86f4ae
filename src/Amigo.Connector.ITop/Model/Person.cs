namespace Amigo.Connector.ITop.Model;

/// <summary>An iTop <c>Person</c> (caller or agent). <c>name</c> is the last name; <c>friendlyname</c> the full name.</summary>
public sealed record Person(
    long Id, string LastName, string? FirstName, string? FriendlyName, string? Email, long? OrgId, string? OrgName, string? Function, string? Phone,
    string? Status, IReadOnlyList<long> TeamIds, ITopObject Source)
{
    /// <summary>The iTop class.</summary>
    public const string ClassName = "Person";

    /// <summary>The <c>output_fields</c> the mapper reads.</summary>
    public static readonly IReadOnlyList<string> Fields = ["id", "name", "first_name", "friendlyname", "email", "org_id", "org_name", "function", "phone", "status", "team_list"];

    /// <summary>Maps an object read with <see cref="Fields"/>.</summary>
    public static Person FromObject(ITopObject source, ITopTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(source);
        var teams = source.Rows("team_list").Select(r => r.Id("team_id")).OfType<long>().ToList();
        return new Person(source.Key, source.Required("name"), source.NonEmpty("first_name"), source.NonEmpty("friendlyname"), source.NonEmpty("email"),
            source.GetExternalKey("org_id"), source.NonEmpty("org_name"), source.NonEmpty("function"), source.NonEmpty("phone"), source.NonEmpty("status"), teams, source);
    }
}
