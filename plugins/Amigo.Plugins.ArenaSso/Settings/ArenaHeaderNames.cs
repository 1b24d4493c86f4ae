namespace Amigo.Plugins.ArenaSso.Settings;

/// <summary>
/// Names of the HTTP headers ARENA's reverse proxy (RSA ClearTrust) adds. They vary between academies;
/// the defaults are the usual ARENA set.
/// </summary>
public sealed class ArenaHeaderNames
{
    /// <summary>The ARENA login (becomes the iTop external login).</summary>
    [Required] public string Login { get; set; } = "ct-remote-user";

    /// <summary>E-mail address.</summary>
    [Required] public string Email { get; set; } = "ctemail";

    /// <summary>Last name.</summary>
    [Required] public string LastName { get; set; } = "ctln";

    /// <summary>First name.</summary>
    [Required] public string FirstName { get; set; } = "ctfn";

    /// <summary>Establishments (multi-valued, comma-separated, 8 <c>$</c>-separated fields each, UAI first).</summary>
    [Required] public string Establishments { get; set; } = "FrEduRne";

    /// <summary>Establishments the person is responsible for (multi-valued, 7 fields each, UAI first).</summary>
    [Required] public string ResponsibleEstablishments { get; set; } = "FrEduRneResp";

    /// <summary>Administrative function; <c>DIR</c> means head of establishment.</summary>
    [Required] public string AdministrativeFunction { get; set; } = "FrEduFonctAdm";

    /// <summary>Every identity header name, for stripping them from forwarded requests.</summary>
    public IEnumerable<string> All =>
        [Login, Email, LastName, FirstName, Establishments, ResponsibleEstablishments, AdministrativeFunction];
}
