using Amigo.Plugins.CatalogueSearch.Data;
using Amigo.Plugins.CatalogueSearch.Indexing;
using Amigo.Plugins.CatalogueSearch.Tests.Fixtures;

namespace CatalogueSearchBench;

/// <summary>
/// A 10,000-subcategory catalogue: the Normandie fixture (so the labelled queries keep their answers) plus generated
/// rows with realistic French names of academy applications, modules and request kinds — including distractors that
/// share words with the fixture ("Envoi de courriels automatiques", "Erreur de connexion", "Création de compte applicatif").
/// </summary>
public static class CatalogueGenerator
{
    public static readonly string[] Domains =
    [
        "Offre de services pour les services académiques",
        "Offre de services pour les établissements scolaires",
        "Offre de services pour les circonscriptions du premier degré",
        "Offre de services pour les services départementaux (DSDEN)",
        "Offre de services pour les partenaires et collectivités",
    ];

    private static readonly string[] Audiences = ["services académiques", "établissements", "premier degré", "DSDEN", "partenaires"];

    private static readonly (string Group, string[] Families)[] Groups =
    [
        ("Applications métiers de la scolarité", ["Inscriptions et admissions", "Suivi de la scolarité", "Bourses et aides sociales", "Orientation et affectation"]),
        ("Gestion des ressources humaines", ["Carrière des personnels", "Mouvement et mutations", "Remplacements", "Action sociale"]),
        ("Gestion financière et comptable", ["Budget des établissements", "Marchés publics", "Facturation et recettes", "Comptabilité générale"]),
        ("Examens, concours et orientation", ["Organisation des examens", "Concours de recrutement", "Résultats et diplômes", "Jurys et convocations"]),
        ("Pédagogie et ressources numériques", ["Ressources pédagogiques", "Évaluation des élèves", "Parcours éducatifs", "Plateformes d'apprentissage"]),
        ("Infrastructure et hébergement", ["Hébergement des applications", "Sauvegarde et archivage", "Annuaires et identités", "Supervision"]),
        ("Sécurité des systèmes d'information", ["Habilitations et certificats", "Gestion des incidents de sécurité", "Conformité RGPD"]),
        ("Communication institutionnelle", ["Sites internet académiques", "Publications et lettres d'information", "Événements"]),
        ("Statistiques et pilotage", ["Indicateurs de pilotage", "Enquêtes statistiques", "Tableaux de bord"]),
        ("Vie de l'élève", ["Restauration scolaire", "Transport scolaire", "Internat", "Santé scolaire"]),
        ("Patrimoine et logistique", ["Bâtiments et maintenance", "Parc automobile", "Achats et approvisionnements"]),
        ("Formation des personnels", ["Plan académique de formation", "Formation à distance", "Accompagnement des équipes"]),
    ];

    private static readonly string[] Applications =
    [
        "SIECLE", "AFFELNET Lycée", "AFFELNET 6e", "ONDE", "LSU", "STS-Web", "SCONET", "Base élèves", "GFC", "Colibris",
        "Pléiade", "M@gistère", "EduConnect", "Parcoursup", "Inscription en ligne", "Téléservices", "ADAGE", "AGAPE", "ANAGRAM",
        "SIRHEN", "EPP", "AGORA", "LILIE", "GAIA", "SUBLIME", "SAGESSE", "CHORUS Pro", "Mouvement intra-académique", "I-Prof",
        "SIAM", "OCEAN", "LOTANET", "Imag'in", "DELOS", "BCN", "RAMSESE", "ARIANE", "MOSART", "Bourses nationales",
        "Gestion des stages", "Apps Éducation", "Nextcloud académique", "PeerTube académique", "Visio-agents", "Pix", "Capytale",
        "Éduthèque", "Folios", "Agenda académique", "Démarches simplifiées", "Santé scolaire (ESCULAPE)", "Restauration (Turboself)",
        "Transport scolaire régional", "Internat numérique", "Annuaire académique", "Certificats électroniques", "Sauvegarde centralisée",
        "Supervision Centreon", "Tableau de bord académique", "Enquêtes en ligne (LimeSurvey)",
    ];

    private static readonly string[] Modules =
    [
        "", " – module Inscriptions", " – module Bourses", " – module Notes", " – module Affectations", " – module Statistiques",
        " – module Habilitations", " – module Exports", " – module Paramétrage", " – module Éditions", " – module Absences",
        " – module Évaluations", " – module Annuaire", " – module Mutations", " – module Paiements", " – module Facturation",
        " – module Archivage", " – module Calendrier", " – module Convocations", " – module Résultats", " – module Candidatures",
        " – module Dossiers", " – module Historique", " – module Nomenclatures", " – module Synchronisation",
    ];

    private static readonly string[] Subcategories =
    [
        "Demande de service (Aide, conseil, paramétrage, ...)", "Dysfonctionnement (Anomalie, bug, données manquantes)",
        "Accès à l'application", "Demande d'habilitation", "Demande d'évolution", "Incident majeur (service indisponible)",
        "Formation et accompagnement", "Extraction de données", "Import de données", "Correction de données",
        "Paramétrage de l'établissement", "Édition des documents", "Question réglementaire", "Demande de documentation",
        "Performance dégradée", "Erreur de connexion", "Suppression de données", "Création de compte applicatif",
        "Gestion des droits utilisateurs", "Export vers un tableur", "Fusion de dossiers", "Signalement de sécurité",
        "Purge annuelle", "Bascule d'année scolaire", "Modification de nomenclature", "Demande de test",
        "Mise à jour de version", "Problème d'impression des éditions", "Envoi de courriels automatiques",
        "Synchronisation avec l'annuaire",
    ];

    /// <summary>The Normandie rows plus generated rows, <paramref name="total"/> in all; offers and usage to match.</summary>
    public static (List<CatalogueRow> Rows, List<ServiceOffer> Offers, Dictionary<long, int> Usage) Generate(int total, int seed = 20261123)
    {
        var random = new Random(seed);
        var rows = NormandieCatalogue.Rows.ToList();
        var offers = NormandieCatalogue.Offers.ToList();
        var usage = new Dictionary<long, int>(NormandieCatalogue.Usage);
        long subcategoryId = 100_000;
        long serviceId = 10_000;
        long familyId = 1_000;
        var families = Groups.SelectMany(group => group.Families.Select(family => (group.Group, Family: family, Id: familyId++))).ToArray();
        var services = Applications.SelectMany(app => Modules.Select(module => app + module)).ToArray();
        var serviceIndex = 0;
        while (rows.Count < total)
        {
            var service = services[serviceIndex % services.Length] + (serviceIndex >= services.Length ? $" ({Audiences[serviceIndex / services.Length % Audiences.Length]})" : "");
            serviceIndex++;
            var family = families[random.Next(families.Length)];
            var domain = Domains[random.Next(Domains.Length)];
            var id = serviceId++;
            var count = Math.Min(total - rows.Count, random.Next(4, 10));
            foreach (var name in Subcategories.OrderBy(_ => random.Next()).Take(count))
            {
                var subcategory = subcategoryId++;
                rows.Add(new CatalogueRow
                {
                    SubcategoryId = subcategory,
                    SubcategoryName = name,
                    SubcategoryDescription = $"{service} - {name}",
                    RequestType = name.StartsWith("Incident", StringComparison.Ordinal) ? "incident" : "service_request",
                    SubcategoryStatus = "production",
                    ServiceId = id,
                    ServiceName = service,
                    ServiceDescription = $"Service « {service} » du catalogue académique (famille {family.Family}).",
                    ServiceStatus = "production",
                    FamilyId = family.Id,
                    FamilyName = family.Family,
                    FamilyGroupName = family.Group,
                    DomainName = domain,
                    SyncedAt = DateTimeOffset.UnixEpoch,
                });
                // Most subcategories see a few tickets, a few see many (Zipf-like).
                usage[subcategory] = (int)(150 * Math.Pow(random.NextDouble(), 3));
            }
            // Generated services compete with the fixture for both kinds of users.
            if (random.NextDouble() < 0.6)
            {
                offers.Add(new ServiceOffer(NormandieCatalogue.RectoratOrg, id));
            }
            if (random.NextDouble() < 0.5)
            {
                offers.Add(new ServiceOffer(NormandieCatalogue.LyceeOrg, id));
            }
        }
        return (rows, offers, usage);
    }
}
