namespace Amigo.Plugins.CatalogueSearch.Search;

/// <summary>
/// Turns the text a person typed into concepts: analysis, stop words (kept when nothing else is left), the last
/// word treated as unfinished, hyphenated compounds as joined-or-parts alternatives, and synonym rules matched on
/// the longest phrase first (<c>mot de passe</c> before <c>mot</c>).
/// </summary>
public sealed class QueryParser
{
    private readonly FrenchAnalyzer _analyzer;
    private readonly SynonymRules _synonyms;
    private readonly int _maxTerms;

    /// <summary>A parser with an analyzer, synonyms and the maximum number of words considered.</summary>
    public QueryParser(FrenchAnalyzer analyzer, SynonymRules synonyms, int maxTerms)
    {
        (_analyzer, _synonyms, _maxTerms) = (analyzer, synonyms, maxTerms);
    }

    /// <summary>The concepts of <paramref name="text"/> (already validated).</summary>
    public ParsedQuery Parse(string text)
    {
        var all = _analyzer.Analyze(text);
        if (all.Count == 0)
        {
            return new ParsedQuery([]);
        }
        var unfinished = char.IsLetterOrDigit(text[^1]);
        var lastWord = all[^1];
        var words = all.Where(word => !word.IsStopWord).ToList();
        if (words.Count == 0)
        {
            words = all;
        }
        if (words.Count > _maxTerms)
        {
            words = words.GetRange(0, _maxTerms);
        }
        var stems = words.Select(word => word.Stem).ToArray();
        var concepts = new List<QueryConcept>(words.Count);
        var i = 0;
        while (i < words.Count)
        {
            var (length, expansions) = LongestSynonymAt(stems, i);
            var span = words.GetRange(i, length);
            var alternatives = new List<QueryAlternative>();
            var own = span.Select(word => Token(word, unfinished && ReferenceEquals(word, lastWord))).ToArray();
            alternatives.Add(new QueryAlternative(own, 1f));
            if (length == 1 && span[0].PartStems.Count > 0)
            {
                var parts = span[0].PartStems.Select(part => new QueryToken(part, part, false)).ToArray();
                alternatives.Add(new QueryAlternative(parts, 1f));
            }
            foreach (var expansion in expansions)
            {
                alternatives.Add(new QueryAlternative(expansion.Select(stem => new QueryToken(stem, stem, false)).ToArray(), Indexing.MatchFactors.Synonym));
            }
            concepts.Add(new QueryConcept(string.Join(' ', span.Select(word => word.Folded)), alternatives));
            i += length;
        }
        return new ParsedQuery(concepts);
    }

    private static QueryToken Token(AnalyzedWord word, bool prefix) => new(word.Folded, word.Stem, prefix);

    private (int Length, IReadOnlyList<string[]> Expansions) LongestSynonymAt(string[] stems, int start)
    {
        var longest = Math.Min(_synonyms.LongestPhrase, stems.Length - start);
        for (var length = longest; length >= 1; length--)
        {
            var expansions = _synonyms.ExpansionsOf(stems.AsSpan(start, length));
            if (expansions.Count > 0)
            {
                return (length, expansions);
            }
        }
        return (1, []);
    }
}
