namespace Amigo.Plugins.CatalogueSearch.Requester;

/// <summary>What the requester page tells the person, in French, for each refusal code of <see cref="QueryValidator"/>.</summary>
public static class FrenchMessages
{
    /// <summary>Shown before anything is typed.</summary>
    public const string Guidance =
        "Tapez un ou plusieurs mots-clés décrivant votre besoin (par exemple « webmail », « mot de passe oublié » ou « wifi ») : "
        + "les services correspondants s'affichent au fur et à mesure de la saisie.";

    /// <summary>When the person's establishments have no offer in the catalogue.</summary>
    public const string NoOffer =
        "Aucun service du catalogue n'est proposé à votre établissement pour le moment. Contactez l'assistance de votre académie.";

    /// <summary>The sentence for a refused query.</summary>
    public static string For(SearchProblem problem, string? query, int maxLength) => problem.Code switch
    {
        "query_too_long" => string.Create(CultureInfo.InvariantCulture,
            $"Votre recherche est trop longue ({query?.Length ?? 0} caractères, {maxLength} au plus) : gardez quelques mots-clés."),
        "query_invalid_characters" =>
            "Votre recherche contient des caractères qui ne sont pas du texte (caractères de contrôle ou mal encodés) : retapez-la avec des lettres et des chiffres.",
        "query_no_terms" => "Votre recherche ne contient ni lettre ni chiffre : tapez un mot-clé, par exemple « webmail ».",
        "query_blank" or "query_missing" => Guidance,
        "page_invalid" => "Ce numéro de page n'existe pas : revenez à la première page des résultats.",
        "parameter_repeated" => "Cette adresse répète un paramètre de recherche : relancez la recherche depuis le champ de saisie.",
        _ => "Cette recherche ne peut pas être traitée : reformulez-la avec quelques mots-clés.",
    };
}
