namespace Amigo.Plugins.CatalogueSearch.Analysis;

/// <summary>French stop words (folded), plus the polite filler people type into a search box.</summary>
public static class FrenchStopWords
{
    /// <summary>The built-in list.</summary>
    public static IReadOnlySet<string> Default { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle", "en", "et", "eux",
        "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais", "me", "meme", "mes", "moi", "mon",
        "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "son",
        "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "y", "est", "sont", "ai",
        "as", "avons", "avez", "ont", "suis", "etre", "avoir", "etait", "tres", "sans", "sous", "chez", "ca", "cela",
        "ceci", "comme", "si", "fait", "faire", "peux", "peut", "veux", "voudrais", "aimerais", "souhaite",
        "souhaiterais", "besoin", "bonjour", "merci", "svp", "stp", "plus", "mettre", "quoi", "comment", "pourquoi",
        "quand", "lors", "apres", "avant", "depuis", "encore", "toujours", "jamais", "rien", "tout", "tous", "toute",
        "toutes", "c", "d", "j", "l", "m", "n", "s", "t",
    };
}
