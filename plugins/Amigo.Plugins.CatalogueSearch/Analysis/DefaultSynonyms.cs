namespace Amigo.Plugins.CatalogueSearch.Analysis;

/// <summary>
/// Helpdesk vocabulary of French schools and academies that every academy gets unless it sets
/// <c>UseDefaultSynonyms</c> to false; the academy's own <c>Synonyms</c> add to these.
/// </summary>
public static class DefaultSynonyms
{
    /// <summary>The rules, in <see cref="SynonymRules"/> format.</summary>
    public static IReadOnlyList<string> Rules { get; } =
    [
        "mail, courriel, messagerie, email, mel, boite mail, boite aux lettres, boite de reception",
        "mail, courriel, email, mel, boite mail, boite aux lettres => webmail",
        "mdp, mot de passe, password, code secret",
        "ent, espace numerique de travail",
        "wifi, wi-fi, reseau sans fil",
        "internet, connexion internet => reseau",
        "bug, beug, bogue, panne, plantage, plante, erreur, anomalie, dysfonctionnement, ne marche pas, ne fonctionne pas, fonctionne pas, marche pas, probleme, souci, bloque, incident",
        "ordinateur, ordi, pc, portable => poste de travail",
        "imprimante, impression, imprimer, photocopieur, copieur",
        "meuble, mobilier, bureau, armoire",
        "demenagement, demenager, deplacement",
        "oublie, perdu, reinitialiser, reinitialisation, reset, changer, renouveler",
        "login, identifiant, compte utilisateur => compte",
        "bloque, verrouille => deblocage",
        "nouveau compte, creer compte => creation de compte",
        "prof, professeur, enseignant",
        "eleve, etudiant, apprenant",
        "visio, visioconference, classe virtuelle, reunion en ligne",
        "salle, local, locaux",
        "paie, paye, salaire, bulletin de salaire, fiche de paie",
        "conge, absence, vacances",
        "badge, carte d'acces",
        "menage, nettoyage, entretien",
        "telephone, tel, poste telephonique, ligne telephonique",
        "portable, mobile, smartphone",
        "programme, appli, app => application, logiciel",
        "installer, installation",
        "moodle, elea",
        "liste de diffusion, liste de distribution, mailing list",
        "quota, stockage, espace disque, boite pleine",
        "fournitures, papeterie",
        "videoprojecteur, projecteur, vpi, tbi, tni",
        "note, bulletin scolaire, evaluation",
        "emploi du temps, edt",
        "habilitation, droit d'acces, droits, autorisation",
        "indisponible, inaccessible, hors service, hors ligne, coupe",
    ];
}
