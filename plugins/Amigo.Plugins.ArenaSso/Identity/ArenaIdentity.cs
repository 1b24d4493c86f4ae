namespace Amigo.Plugins.ArenaSso.Identity;

/// <summary>The identity ARENA's proxy vouched for, as the bridge understood it.</summary>
/// <param name="Login">ARENA login (the iTop external login).</param>
/// <param name="Email">E-mail address, lower case.</param>
/// <param name="LastName">Last name.</param>
/// <param name="FirstName">First name (may be empty).</param>
/// <param name="Establishments">Valid establishments of <c>FrEduRne</c>, in header order, without duplicates.</param>
/// <param name="ResponsibleFor">Valid establishments of <c>FrEduRneResp</c>.</param>
/// <param name="AdministrativeFunction">Value of <c>FrEduFonctAdm</c>, e.g. <c>DIR</c>; empty when none.</param>
/// <param name="IgnoredValues">Establishment values dropped, each with its reason (bad UAI, wrong field count).</param>
public sealed record ArenaIdentity(
    string Login,
    string Email,
    string LastName,
    string FirstName,
    IReadOnlyList<ArenaEstablishment> Establishments,
    IReadOnlyList<ArenaEstablishment> ResponsibleFor,
    string AdministrativeFunction,
    IReadOnlyList<string> IgnoredValues)
{
    /// <summary>Function code of a head of establishment.</summary>
    public const string HeadOfEstablishmentFunction = "DIR";

    /// <summary>Whether the person heads an establishment (<c>DIR</c>, or responsible for at least one establishment).</summary>
    public bool IsHeadOfEstablishment =>
        string.Equals(AdministrativeFunction, HeadOfEstablishmentFunction, StringComparison.OrdinalIgnoreCase)
        || ResponsibleFor.Count > 0;

    /// <summary>Distinct UAI codes of every establishment the person belongs to or is responsible for, sorted.</summary>
    public IReadOnlyList<string> AllUaiCodes =>
        Establishments.Concat(ResponsibleFor).Select(e => e.Uai.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>What provisioning depends on: two identities with the same fingerprint provision the same iTop state.</summary>
    public string Fingerprint => string.Join('\u001f',
        Login, Email, LastName, FirstName, IsHeadOfEstablishment ? "head" : "staff",
        Establishments.FirstOrDefault()?.Uai.Value ?? "", string.Join(',', AllUaiCodes));
}
