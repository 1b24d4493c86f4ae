// Its own using lines: CatalogueSearchBench compiles this file too, without the test project's <Using> items.
using Amigo.Plugins.CatalogueSearch.Data;
using Amigo.Plugins.CatalogueSearch.Indexing;

namespace Amigo.Plugins.CatalogueSearch.Tests.Fixtures;

/// <summary>
/// A Normandie-like five-level catalogue modelled on the portal guide (seed 000_315773630321b454.txt): the four
/// rows its keyword search shows for "Webmail" (Agenda Webmail and Webmail académique, each with "Demande de
/// service (Aide, conseil, paramétrage, ...)" and "Dysfonctionnement ..."), the form's establishment offer
/// "Messagerie et liste de diffusion › Webmail › Accès à l'application", PUBLINET, ARENA, passwords, network, ENT…
/// Offers differ between the academic services (rectorat) and establishments, as the guide says they do; shared
/// services are offered to the academy's root organization and inherited.
/// Also linked into tests/benchmarks/CatalogueSearchBench.
/// </summary>
public static class NormandieCatalogue
{
    /// <summary>Academy id.</summary>
    public const string AcademyId = "normandie";

    /// <summary>The academy's root organization (offers shared by everyone).</summary>
    public const long AcademyOrg = 1;
    /// <summary>The rectorat's academic services.</summary>
    public const long RectoratOrg = 2;
    /// <summary>Lycée Malherbe, Caen (UAI 0140013N).</summary>
    public const long LyceeOrg = 3;
    /// <summary>Collège Jean Moulin, Rouen (UAI 0760056Y).</summary>
    public const long CollegeOrg = 4;
    /// <summary>DSDEN du Calvados, the only organization with the finance application.</summary>
    public const long DsdenOrg = 5;

    /// <summary>Code of the rectorat organization.</summary>
    public const string RectoratCode = "RECTORAT";
    /// <summary>UAI of the lycée.</summary>
    public const string LyceeUai = "0140013N";

    private const string Academic = "Offre de services pour les services académiques";
    private const string Schools = "Offre de services pour les établissements scolaires";
    private const string Shared = "Offre de services commune";
    private const string Communication = "Communication, partage et collaboration";
    private const string Management = "Applications de gestion";
    private const string Infrastructure = "Infrastructure et poste de travail";
    private const string Identity = "Identité et accès";
    private const string Teaching = "Pédagogie et vie scolaire";
    private const string SchoolInfrastructure = "Infrastructure de l'établissement";

    /// <summary>Seed subcategory ids of the four "Webmail" rows of the guide's keyword search.</summary>
    public static IReadOnlyList<long> SeedWebmailRows { get; } = [1001, 1002, 1003, 1004];

    /// <summary>The rows.</summary>
    public static IReadOnlyList<CatalogueRow> Rows { get; } = BuildRows();

    /// <summary>Organizations.</summary>
    public static IReadOnlyList<OrganizationNode> Organizations { get; } =
    [
        new(AcademyOrg, "Académie de Normandie", null, null),
        new(RectoratOrg, "Rectorat de Normandie - services académiques", RectoratCode, AcademyOrg),
        new(LyceeOrg, "Lycée Malherbe", LyceeUai, AcademyOrg),
        new(CollegeOrg, "Collège Jean Moulin", "0760056Y", AcademyOrg),
        new(DsdenOrg, "DSDEN du Calvados", "DSDEN14", AcademyOrg),
    ];

    /// <summary>Offers (customer contracts' services).</summary>
    public static IReadOnlyList<ServiceOffer> Offers { get; } = BuildOffers();

    /// <summary>Tickets per subcategory in the academy's synced tickets (most-used first on ties).</summary>
    public static IReadOnlyDictionary<long, int> Usage { get; } = new Dictionary<long, int>
    {
        [1001] = 12, [1002] = 30, [1003] = 45, [1004] = 120,
        [1005] = 8, [1006] = 15, [1007] = 4,
        [1008] = 6, [1009] = 25, [1010] = 9, [1011] = 14, [1012] = 22,
        [1013] = 40, [1014] = 18, [1015] = 11,
        [1016] = 35, [1017] = 7, [1018] = 16, [1019] = 3, [1020] = 13, [1021] = 19,
        [1022] = 21, [1023] = 5,
        [1024] = 150, [1025] = 60, [1026] = 33, [1027] = 70, [1028] = 10, [1029] = 17,
        [1030] = 55, [1031] = 12, [1032] = 28, [1033] = 6, [1034] = 9,
        [1035] = 8, [1036] = 4, [1037] = 26, [1038] = 31, [1039] = 14, [1040] = 11,
        [1041] = 90, [1042] = 37, [1043] = 200, [1044] = 24, [1045] = 65, [1046] = 20,
        [1047] = 80, [1048] = 42, [1049] = 110, [1050] = 38, [1051] = 47, [1052] = 9,
        [1053] = 52, [1054] = 13, [1055] = 18, [1056] = 29, [1057] = 34, [1058] = 16,
        [1059] = 44, [1060] = 23, [1061] = 27, [1062] = 19, [1063] = 7, [1064] = 15, [1065] = 12,
        [1066] = 500, [1067] = 3, [1068] = 2,
    };

    private static List<CatalogueRow> BuildRows()
    {
        var rows = new List<CatalogueRow>();
        void Add(long id, string subcategory, long serviceId, string service, long familyId, string family, string group, string domain,
            string requestType = "service_request", string status = "production")
        {
            rows.Add(new CatalogueRow
            {
                SubcategoryId = id,
                SubcategoryName = subcategory,
                SubcategoryDescription = $"{service} - {subcategory}",
                RequestType = requestType,
                SubcategoryStatus = status,
                ServiceId = serviceId,
                ServiceName = service,
                ServiceDescription = $"Service « {service} » du catalogue académique (famille {family}).",
                ServiceStatus = "production",
                FamilyId = familyId,
                FamilyName = family,
                FamilyGroupName = group,
                DomainName = domain,
                SyncedAt = new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero),
            });
        }

        const string help = "Demande de service (Aide, conseil, paramétrage, ...)";
        const string fault = "Dysfonctionnement (Anomalie, bug, données manquantes)";
        const string access = "Accès à l'application";

        // The guide's keyword search for "Webmail": exactly these four rows.
        Add(1001, help, 101, "Agenda Webmail", 11, "Agenda", Communication, Academic);
        Add(1002, fault, 101, "Agenda Webmail", 11, "Agenda", Communication, Academic);
        Add(1003, help, 102, "Webmail académique", 12, "Messagerie, liste de diffusion", Communication, Academic);
        Add(1004, "Dysfonctionnement", 102, "Webmail académique", 12, "Messagerie, liste de diffusion", Communication, Academic);
        Add(1005, "Création d'une liste de diffusion", 103, "Listes de diffusion", 12, "Messagerie, liste de diffusion", Communication, Academic);
        Add(1006, "Modification des abonnés", 103, "Listes de diffusion", 12, "Messagerie, liste de diffusion", Communication, Academic);
        Add(1007, fault, 103, "Listes de diffusion", 12, "Messagerie, liste de diffusion", Communication, Academic);
        Add(1008, "Création d'un espace", 104, "Espace collaboratif (Tribu)", 13, "Collaboration et visioconférence", Communication, Academic);
        Add(1009, access, 104, "Espace collaboratif (Tribu)", 13, "Collaboration et visioconférence", Communication, Academic);
        Add(1010, fault, 104, "Espace collaboratif (Tribu)", 13, "Collaboration et visioconférence", Communication, Academic);
        Add(1011, help, 105, "Visioconférence (Classe virtuelle)", 13, "Collaboration et visioconférence", Communication, Academic);
        Add(1012, fault, 105, "Visioconférence (Classe virtuelle)", 13, "Collaboration et visioconférence", Communication, Academic);

        Add(1013, help, 106, "PUBLINET", 14, "Publication et communication interne", Management, Academic);
        Add(1014, fault, 106, "PUBLINET", 14, "Publication et communication interne", Management, Academic);
        Add(1015, "Demande d'habilitation", 106, "PUBLINET", 14, "Publication et communication interne", Management, Academic);
        Add(1016, "Consultation des bulletins de paie", 107, "Bulletins de paie (ENSAP)", 15, "Gestion des personnels", Management, Academic);
        Add(1017, fault, 107, "Bulletins de paie (ENSAP)", 15, "Gestion des personnels", Management, Academic);
        Add(1018, "Demande de congés", 108, "Congés et absences", 15, "Gestion des personnels", Management, Academic);
        Add(1019, fault, 108, "Congés et absences", 15, "Gestion des personnels", Management, Academic);
        Add(1020, "Ordre de mission", 109, "Déplacements temporaires (Chorus DT)", 15, "Gestion des personnels", Management, Academic);
        Add(1021, "Remboursement de frais", 109, "Déplacements temporaires (Chorus DT)", 15, "Gestion des personnels", Management, Academic);
        Add(1022, "Inscription aux examens", 110, "Cyclades", 16, "Examens et concours", Management, Academic);
        Add(1023, fault, 110, "Cyclades", 16, "Examens et concours", Management, Academic);

        Add(1024, "Panne matérielle", 111, "Poste de travail", 17, "Poste de travail", Infrastructure, Academic);
        Add(1025, "Installation de logiciel", 111, "Poste de travail", 17, "Poste de travail", Infrastructure, Academic);
        Add(1026, "Demande de matériel", 111, "Poste de travail", 17, "Poste de travail", Infrastructure, Academic);
        Add(1027, "Panne d'imprimante", 112, "Impression", 17, "Poste de travail", Infrastructure, Academic);
        Add(1028, "Installation d'une imprimante", 112, "Impression", 17, "Poste de travail", Infrastructure, Academic);
        Add(1029, "Commande de cartouches", 112, "Impression", 17, "Poste de travail", Infrastructure, Academic);
        Add(1030, "Accès au réseau Wi-Fi", 113, "Réseau", 18, "Réseau et téléphonie", Infrastructure, Academic);
        Add(1031, "Ouverture de flux réseau", 113, "Réseau", 18, "Réseau et téléphonie", Infrastructure, Academic);
        Add(1032, "Coupure du réseau", 113, "Réseau", 18, "Réseau et téléphonie", Infrastructure, Academic);
        Add(1033, "Ligne téléphonique fixe", 114, "Téléphonie", 18, "Réseau et téléphonie", Infrastructure, Academic);
        Add(1034, "Téléphone mobile", 114, "Téléphonie", 18, "Réseau et téléphonie", Infrastructure, Academic);
        Add(1035, "Demande de déménagement de bureau", 115, "Déplacement de meubles", 19, "Logistique et moyens généraux", Infrastructure, Academic);
        Add(1036, "Enlèvement de mobilier", 115, "Déplacement de meubles", 19, "Logistique et moyens généraux", Infrastructure, Academic);
        Add(1037, "Réservation de salle", 116, "Intendance", 19, "Logistique et moyens généraux", Infrastructure, Academic);
        Add(1038, "Commande de fournitures", 116, "Intendance", 19, "Logistique et moyens généraux", Infrastructure, Academic);
        Add(1039, "Demande de badge d'accès", 116, "Intendance", 19, "Logistique et moyens généraux", Infrastructure, Academic);
        Add(1040, "Entretien des locaux", 116, "Intendance", 19, "Logistique et moyens généraux", Infrastructure, Academic);

        Add(1041, access, 117, "Portail ARENA", 20, "Authentification", Identity, Shared);
        Add(1042, fault, 117, "Portail ARENA", 20, "Authentification", Identity, Shared);
        Add(1043, "Réinitialisation de mot de passe", 118, "Comptes et mots de passe", 20, "Authentification", Identity, Shared);
        Add(1044, "Création de compte", 118, "Comptes et mots de passe", 20, "Authentification", Identity, Shared);
        Add(1045, "Déblocage de compte", 118, "Comptes et mots de passe", 20, "Authentification", Identity, Shared);
        Add(1046, "Clé OTP (authentification forte)", 118, "Comptes et mots de passe", 20, "Authentification", Identity, Shared);

        // The guide's request form: Messagerie et liste de diffusion › Webmail › Accès à l'application (establishments).
        Add(1047, access, 119, "Webmail", 21, "Messagerie et liste de diffusion", Communication, Schools);
        Add(1048, fault, 119, "Webmail", 21, "Messagerie et liste de diffusion", Communication, Schools);
        Add(1049, access, 120, "ENT (Espace numérique de travail)", 22, "Environnement numérique de travail", Teaching, Schools);
        Add(1050, "Création de comptes élèves", 120, "ENT (Espace numérique de travail)", 22, "Environnement numérique de travail", Teaching, Schools);
        Add(1051, fault, 120, "ENT (Espace numérique de travail)", 22, "Environnement numérique de travail", Teaching, Schools);
        Add(1052, "Incident majeur (service indisponible)", 120, "ENT (Espace numérique de travail)", 22, "Environnement numérique de travail", Teaching, Schools, "incident");
        Add(1053, access, 121, "Plateforme Éléa (Moodle)", 23, "Plateformes pédagogiques", Teaching, Schools);
        Add(1054, "Création de cours", 121, "Plateforme Éléa (Moodle)", 23, "Plateformes pédagogiques", Teaching, Schools);
        Add(1055, fault, 121, "Plateforme Éléa (Moodle)", 23, "Plateformes pédagogiques", Teaching, Schools);
        Add(1056, "Emploi du temps", 122, "Pronote", 24, "Vie scolaire", Teaching, Schools);
        Add(1057, "Notes et bulletins", 122, "Pronote", 24, "Vie scolaire", Teaching, Schools);
        Add(1058, fault, 122, "Pronote", 24, "Vie scolaire", Teaching, Schools);
        Add(1059, "Accès à Internet", 123, "Réseau de l'établissement", 25, "Réseau pédagogique", SchoolInfrastructure, Schools);
        Add(1060, "Filtrage web", 123, "Réseau de l'établissement", 25, "Réseau pédagogique", SchoolInfrastructure, Schools);
        Add(1061, "Wi-Fi pédagogique", 123, "Réseau de l'établissement", 25, "Réseau pédagogique", SchoolInfrastructure, Schools);
        Add(1062, "Panne de vidéoprojecteur", 124, "Vidéoprojecteurs et TNI", 26, "Équipements numériques", SchoolInfrastructure, Schools);
        Add(1063, "Installation d'un TNI", 124, "Vidéoprojecteurs et TNI", 26, "Équipements numériques", SchoolInfrastructure, Schools);
        Add(1064, "Panne de tablette", 125, "Tablettes et ordinateurs portables", 26, "Équipements numériques", SchoolInfrastructure, Schools);
        Add(1065, "Demande de prêt", 125, "Tablettes et ordinateurs portables", 26, "Équipements numériques", SchoolInfrastructure, Schools);

        // Never offered: an obsolete subcategory (most used of all, so a leak would show first) and an application
        // contracted by the DSDEN only.
        Add(1066, "Ancien formulaire PUBLINET", 106, "PUBLINET", 14, "Publication et communication interne", Management, Academic, status: "obsolete");
        Add(1067, "Demande de service (Aide, conseil, paramétrage, ...)", 126, "Gestion financière (Op@le)", 27, "Finances", Management, Academic);
        Add(1068, "Dysfonctionnement du webmail de la DSDEN", 126, "Gestion financière (Op@le)", 27, "Finances", Management, Academic);
        return rows;
    }

    private static List<ServiceOffer> BuildOffers()
    {
        var offers = new List<ServiceOffer>();
        offers.AddRange(Enumerable.Range(101, 16).Select(service => new ServiceOffer(RectoratOrg, service)));
        offers.AddRange(new long[] { 117, 118 }.Select(service => new ServiceOffer(AcademyOrg, service)));
        foreach (var school in new[] { LyceeOrg, CollegeOrg })
        {
            offers.AddRange(Enumerable.Range(119, 7).Select(service => new ServiceOffer(school, service)));
        }
        offers.Add(new ServiceOffer(DsdenOrg, 126));
        return offers;
    }
}
