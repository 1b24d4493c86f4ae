namespace Amigo.Connector.Simulation.Demo;

/// <summary>One row of the five-level catalogue (<em>Domaine › Groupe de famille › Famille › Service › Sous-catégorie</em>).</summary>
/// <param name="Domain">Domaine de service.</param>
/// <param name="FamilyGroup">Groupe de famille.</param>
/// <param name="Family">Famille de service.</param>
/// <param name="Service">Service.</param>
/// <param name="Subcategory">Sous-catégorie de service.</param>
/// <param name="RequestType"><c>service_request</c> or <c>incident</c>.</param>
public sealed record DemoCatalogueRow(string Domain, string FamilyGroup, string Family, string Service, string Subcategory, string RequestType = "service_request");

/// <summary>
/// The catalogue of the academies' tutorials (seed <c>000_…</c>: the four « Webmail » rows of the keyword search, the
/// form's « Messagerie et liste de diffusion › Webmail › Accès à l'application », PUBLINET, ARENA), completed with the
/// services every helpdesk has (passwords, ENT, network, workstations).
/// </summary>
public static class DemoCatalogue
{
    private const string Academic = "Offre de services pour les services académiques";
    private const string Schools = "Offre de services pour les établissements";
    private const string Collaboration = "Communication, partage et collaboration";
    private const string Identity = "Identité et accès";
    private const string Business = "Applications métier";
    private const string Infrastructure = "Infrastructure et poste de travail";
    private const string Help = "Demande de service (Aide, conseil, paramétrage, ...)";
    private const string Bug = "Dysfonctionnement (Anomalie, bug, données manquantes)";

    /// <summary>The rows, in catalogue order.</summary>
    public static IReadOnlyList<DemoCatalogueRow> Rows { get; } =
    [
        new(Academic, Collaboration, "Agenda", "Agenda Webmail", Help),
        new(Academic, Collaboration, "Agenda", "Agenda Webmail", Bug, "incident"),
        new(Academic, Collaboration, "Messagerie, liste de diffusion", "Webmail académique", Help),
        new(Academic, Collaboration, "Messagerie, liste de diffusion", "Webmail académique", "Dysfonctionnement", "incident"),
        new(Schools, Collaboration, "Messagerie et liste de diffusion", "Webmail", "Accès à l'application"),
        new(Schools, Collaboration, "Messagerie et liste de diffusion", "Listes de diffusion", "Création ou modification d'une liste"),
        new(Schools, Business, "Examens et concours", "PUBLINET", "Accès à l'application"),
        new(Schools, Business, "Examens et concours", "PUBLINET", "Publication des résultats"),
        new(Schools, Business, "Examens et concours", "PUBLINET", Bug, "incident"),
        new(Schools, Identity, "Portail d'authentification", "ARENA", "Accès à l'application"),
        new(Schools, Identity, "Portail d'authentification", "ARENA", "Délégation de droits"),
        new(Schools, Identity, "Comptes utilisateurs", "Compte académique", "Mot de passe oublié ou expiré"),
        new(Schools, Identity, "Comptes utilisateurs", "Compte académique", "Création de compte"),
        new(Schools, Identity, "Comptes utilisateurs", "Clé OTP", "Perte ou remplacement de la clé"),
        new(Schools, Collaboration, "Espace numérique de travail", "ENT", "Accès à l'application"),
        new(Schools, Collaboration, "Espace numérique de travail", "ENT", Bug, "incident"),
        new(Schools, Business, "Vie scolaire", "Pronote", "Paramétrage"),
        new(Schools, Business, "Vie scolaire", "Pronote", Bug, "incident"),
        new(Schools, Infrastructure, "Réseau et Internet", "Accès Internet de l'établissement", "Panne de connexion", "incident"),
        new(Schools, Infrastructure, "Réseau et Internet", "Wi-Fi", "Accès au réseau sans fil"),
        new(Schools, Infrastructure, "Poste de travail", "Poste de travail", "Installation de logiciel"),
        new(Schools, Infrastructure, "Poste de travail", "Poste de travail", "Panne matérielle", "incident"),
        new(Schools, Infrastructure, "Poste de travail", "Impression", "Imprimante en panne", "incident"),
    ];
}
