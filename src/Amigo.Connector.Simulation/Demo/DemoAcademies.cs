namespace Amigo.Connector.Simulation.Demo;

/// <summary>An establishment (or rectorat) of the demo: name, 7-digit number and département-derived UAI.</summary>
/// <param name="Name">French name.</param>
/// <param name="Number">The 7 digits of the UAI (the check letter is computed).</param>
/// <param name="City">Town, used in e-mail domains and titles.</param>
public sealed record DemoEstablishment(string Name, string Number, string City)
{
    /// <summary>The UAI code: the 7 digits and their check letter (number modulo 23 in <c>ABCDEFGHJKLMNPRSTUVWXYZ</c>).</summary>
    public string Uai => Number + DemoUai.CheckLetter(Number);
}

/// <summary>One academy of the demo and the policy the demo configures for it.</summary>
/// <param name="Id">Academy id in the connector (<c>toulouse</c>).</param>
/// <param name="DisplayName">French name.</param>
/// <param name="MailDomain">E-mail domain of its staff.</param>
/// <param name="Rectorat">The rectorat (parent organization of the establishments).</param>
/// <param name="Establishments">Its establishments.</param>
/// <param name="PlatformTeam">Its platform team name, when it has one.</param>
/// <param name="AutoCloseDays">Auto-close delay configured for it.</param>
/// <param name="TicketCount">Background tickets generated (scenario tickets come on top).</param>
public sealed record DemoAcademy(
    string Id, string DisplayName, string MailDomain, DemoEstablishment Rectorat, IReadOnlyList<DemoEstablishment> Establishments,
    string? PlatformTeam, int AutoCloseDays, int TicketCount);

/// <summary>The three academies of <c>amigo demo</c>.</summary>
public static class DemoAcademies
{
    /// <summary>Platform team of the Académie de Toulouse (tutorial <c>004_…</c>).</summary>
    public const string TlsPlatform = "DSI Plateforme Assistance TLS";

    /// <summary>Platform team of the Académie de Montpellier.</summary>
    public const string MplPlatform = "DSI Plateforme Assistance MPL";

    /// <summary>Académie de Toulouse (auto-close 14 days).</summary>
    public static DemoAcademy Toulouse { get; } = new("toulouse", "Académie de Toulouse", "ac-toulouse.fr",
        new("Rectorat de l'académie de Toulouse", "0311330", "Toulouse"),
        [
            new("Lycée Pierre de Fermat", "0310036", "Toulouse"),
            new("Lycée Bellevue", "0310094", "Toulouse"),
            new("Collège Clémence Isaure", "0311240", "Toulouse"),
            new("Lycée Lapérouse", "0810004", "Albi"),
            new("Lycée Antoine Bourdelle", "0820016", "Montauban"),
            new("Collège Jean Jaurès", "0311586", "Colomiers"),
        ],
        TlsPlatform, 14, 150);

    /// <summary>Académie de Montpellier (auto-close 16 days: requesters may reopen for 16 days).</summary>
    public static DemoAcademy Montpellier { get; } = new("montpellier", "Académie de Montpellier", "ac-montpellier.fr",
        new("Rectorat de l'académie de Montpellier", "0341210", "Montpellier"),
        [
            new("Lycée Joffre", "0340039", "Montpellier"),
            new("Lycée Georges Clemenceau", "0340011", "Montpellier"),
            new("Collège Les Garrigues", "0341794", "Montpellier"),
            new("Lycée Alphonse Daudet", "0300021", "Nîmes"),
            new("Lycée François Arago", "0660010", "Perpignan"),
        ],
        MplPlatform, 16, 120);

    /// <summary>Académie de Normandie (auto-close 14 days, tutorial <c>000_…</c>).</summary>
    public static DemoAcademy Normandie { get; } = new("normandie", "Académie de Normandie", "ac-normandie.fr",
        new("Rectorat de l'académie de Normandie", "0140013", "Caen"),
        [
            new("Lycée Malherbe", "0140096", "Caen"),
            new("Collège Pasteur", "0140025", "Caen"),
            new("Lycée Pierre Corneille", "0760056", "Rouen"),
            new("Lycée Victor Grignard", "0500036", "Cherbourg"),
            new("Lycée Aristide Briand", "0270016", "Évreux"),
        ],
        null, 14, 100);

    /// <summary>The three, in demo order.</summary>
    public static IReadOnlyList<DemoAcademy> All { get; } = [Toulouse, Montpellier, Normandie];
}

/// <summary>The UAI check-letter rule (same as <c>Amigo.Connector.Contracts.Establishments.UaiCode</c>, which this project does not reference).</summary>
public static class DemoUai
{
    private const string Letters = "ABCDEFGHJKLMNPRSTUVWXYZ";

    /// <summary>The check letter of 7 digits.</summary>
    public static char CheckLetter(string digits) => Letters[(int)(long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 23)];
}
