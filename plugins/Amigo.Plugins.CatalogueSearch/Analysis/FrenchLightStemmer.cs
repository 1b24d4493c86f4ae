namespace Amigo.Plugins.CatalogueSearch.Analysis;

/// <summary>
/// A light French stemmer for folded words: plural endings (<c>s</c>, <c>x</c>, <c>aux → al</c>, <c>eaux → eau</c>)
/// and a final mute <c>e</c>, so that <c>comptes</c>, <c>compte</c>; <c>réseaux</c>, <c>réseau</c>; <c>élèves</c>,
/// <c>élève</c> meet. It deliberately stops there: derivation (<c>installer</c> / <c>installation</c>) is left to
/// truncated-prefix matching, which is cheaper to reason about than an aggressive stemmer's collisions.
/// </summary>
public static class FrenchLightStemmer
{
    /// <summary>The stem of a folded word.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || !char.IsAsciiLetterLower(word[^1]))
        {
            return word;
        }
        var stem = word;
        if (stem.Length >= 6 && stem.EndsWith("eaux", StringComparison.Ordinal))
        {
            stem = stem[..^1];
        }
        else if (stem.Length >= 5 && stem.EndsWith("aux", StringComparison.Ordinal))
        {
            stem = string.Concat(stem.AsSpan(0, stem.Length - 3), "al");
        }
        else if (stem[^1] is 's' or 'x')
        {
            stem = stem[..^1];
        }
        if (stem.Length >= 5 && stem[^1] == 'e')
        {
            stem = stem[..^1];
        }
        return stem;
    }
}
