namespace Amigo.Connector.Simulation.Demo;

/// <summary>French first and last names, and request titles by service, for the demo data set.</summary>
public static class DemoNames
{
    private static readonly string[] FirstNames =
    [
        "Élodie", "Sébastien", "Hélène", "François", "Camille", "Nicolas", "Amélie", "Julien", "Céline", "Thomas", "Léa", "Mathieu",
        "Aurélie", "Benoît", "Chloé", "Grégoire", "Inès", "Jérôme", "Laëtitia", "Maxime", "Noémie", "Olivier", "Pauline", "Rémi",
        "Sophie", "Théo", "Valérie", "Yannick", "Zoé", "Anaïs", "Baptiste", "Gaëlle",
    ];

    private static readonly string[] LastNames =
    [
        "Durand", "Dupont", "Martin", "Bernard", "Lefèvre", "Moreau", "Garnier", "Rousseau", "Fournier", "Girard", "Bonnet", "Lambert",
        "Fontaine", "Chevalier", "Robin", "Masson", "Mercier", "Blanc", "Guérin", "Boyer", "Lemaire", "Faure", "Roux", "Vincent",
        "Le Gall", "Castan", "Azéma", "Fabre", "Delmas", "Vidal", "Lebrun", "Marchand", "Perrin", "Colin", "Caron", "Picard", "Leroux",
    ];

    private static readonly Dictionary<string, string[]> Titles = new(StringComparer.Ordinal)
    {
        ["Agenda Webmail"] = ["Agenda partagé invisible dans le webmail", "Invitation de réunion non reçue dans l'agenda"],
        ["Webmail académique"] = ["Webmail - Problème d'accès", "Impossible d'envoyer un message depuis le webmail", "Boîte de messagerie pleine"],
        ["Webmail"] = ["Webmail - Problème d'accès", "Mot de passe refusé sur le webmail"],
        ["Listes de diffusion"] = ["Création d'une liste de diffusion pour le conseil pédagogique", "Ajout de membres à une liste de diffusion"],
        ["PUBLINET"] = ["PUBLINET : publication des résultats du DNB", "Accès refusé à PUBLINET", "PUBLINET : liste des candidats incomplète"],
        ["ARENA"] = ["Lien manquant dans le portail ARENA", "Délégation de droits ARENA pour l'adjoint", "Erreur d'authentification sur ARENA"],
        ["Compte académique"] = ["Mot de passe oublié", "Compte académique bloqué", "Création de compte pour un nouvel enseignant"],
        ["Clé OTP"] = ["Clé OTP perdue", "Remplacement de la clé OTP défectueuse"],
        ["ENT"] = ["ENT inaccessible depuis l'établissement", "Cahier de textes absent de l'ENT"],
        ["Pronote"] = ["Pronote : emplois du temps non importés", "Pronote : erreur à la saisie des notes"],
        ["Accès Internet de l'établissement"] = ["Plus d'accès Internet au CDI", "Connexion Internet très lente en salle informatique"],
        ["Wi-Fi"] = ["Wi-Fi indisponible en salle des professeurs", "Borne Wi-Fi hors service au bâtiment B"],
        ["Poste de travail"] = ["Installation d'un logiciel de géométrie", "Poste du secrétariat qui ne démarre plus"],
        ["Impression"] = ["Imprimante du secrétariat en panne", "Bourrage papier récurrent sur le copieur"],
    };

    /// <summary>The <paramref name="index"/>-th name pair (deterministic, varied).</summary>
    public static (string First, string Last) At(int index) =>
        (FirstNames[index % FirstNames.Length], LastNames[(index * 7 + index / LastNames.Length) % LastNames.Length]);

    /// <summary>A realistic title for a request on <paramref name="service"/>.</summary>
    public static string Title(string service, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var titles = Titles.TryGetValue(service, out var known) ? known : [$"Demande concernant {service}"];
        return titles[random.Next(titles.Length)];
    }

    /// <summary>Lower-case ASCII form for e-mail addresses (accents and apostrophes removed, spaces to hyphens).</summary>
    public static string Ascii(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
            else if (c is ' ' or '-') builder.Append('-');
        }
        return builder.ToString();
    }
}
