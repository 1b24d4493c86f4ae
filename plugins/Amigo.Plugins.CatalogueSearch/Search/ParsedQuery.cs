namespace Amigo.Plugins.CatalogueSearch.Search;

/// <summary>A query word ready for matching.</summary>
/// <param name="Folded">Folded form as typed (for prefix and truncated matching and the typo budget).</param>
/// <param name="Stem">Light stem (for exact and fuzzy matching).</param>
/// <param name="Prefix">Whether the word may be unfinished (the last word typed, not followed by a space).</param>
public sealed record QueryToken(string Folded, string Stem, bool Prefix);

/// <summary>One way of satisfying a concept: every token must match the same row.</summary>
/// <param name="Tokens">The words.</param>
/// <param name="Factor">Scale of the score (1 for the user's own words, less for synonyms).</param>
public sealed record QueryAlternative(IReadOnlyList<QueryToken> Tokens, float Factor);

/// <summary>Something the user asked for: one word, or a phrase matched by a synonym rule, with its alternatives.</summary>
/// <param name="Text">The words as typed (folded), for diagnostics.</param>
/// <param name="Alternatives">Ways to satisfy it; a row scores the best of them.</param>
public sealed record QueryConcept(string Text, IReadOnlyList<QueryAlternative> Alternatives);

/// <summary>An analysed query: the concepts a row's score adds up over.</summary>
/// <param name="Concepts">The concepts, in typing order.</param>
public sealed record ParsedQuery(IReadOnlyList<QueryConcept> Concepts)
{
    /// <summary>Whether nothing searchable was left after analysis.</summary>
    public bool IsEmpty => Concepts.Count == 0;
}
