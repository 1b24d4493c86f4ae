using Amigo.Plugins.CatalogueSearch.Indexing;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace CatalogueSearchBench.LuceneNet;

/// <summary>
/// Turns what a person typed into a Lucene query, the way edismax does: one clause per analysed position, each a
/// DisjunctionMaxQuery over the fields (boosted like the plugin's weights) of the word and of the synonyms the
/// SynonymFilter stacked on the same position; clauses are OR-ed, so scores add up over the query's words.
/// The word being typed (last, no trailing space) also gets a PrefixQuery on its folded surface form; a word that is
/// in no field's vocabulary gets a FuzzyQuery (1 edit for 5–8 letters, 2 for 9–24, none otherwise, transpositions
/// counted as one edit as in the plugin).
/// </summary>
public sealed class LuceneQueryBuilder(LuceneCatalogueIndex index)
{
    /// <summary>Score of a synonym relative to the user's own word (the plugin's 0.95).</summary>
    public const float SynonymFactor = 0.95f;
    /// <summary>Prefix match factor (the plugin's 0.8).</summary>
    public const float PrefixFactor = 0.8f;
    /// <summary>Fuzzy factors (the plugin's 0.65 for one edit, 0.5 for two).</summary>
    public const float FuzzyOneFactor = 0.65f;
    public const float FuzzyTwoFactor = 0.5f;
    /// <summary>
    /// DisjunctionMax tie-breaker: 0.05 of the other fields' scores is added to the best one, so a word found in both
    /// the subcategory and its service name gets about the plugin's +0.5 bonus over a name match alone.
    /// </summary>
    public const float TieBreaker = 0.05f;
    /// <summary>Completions of the word being typed (the plugin's limit too).</summary>
    public const int MaxPrefixExpansions = 64;
    /// <summary>Fuzzy expansions per field (FuzzyQuery's default).</summary>
    public const int MaxFuzzyExpansions = 50;

    private readonly FrenchCatalogueAnalysis _analysis = index.Analysis;

    /// <summary>The query of <paramref name="text"/>; null when nothing searchable is left (only stop words).</summary>
    public Query? Build(string text)
    {
        var tokens = Tokens(text);
        if (tokens.Count == 0)
        {
            return null;
        }
        var typing = text.Length > 0 && char.IsLetterOrDigit(text[^1]) ? TypedWord(text) : null;
        var query = new BooleanQuery(disableCoord: !index.Tuning.Coord);
        foreach (var position in tokens.GroupBy(token => token.Position))
        {
            var clause = new DisjunctionMaxQuery(TieBreaker);
            foreach (var token in position)
            {
                var factor = token.Synonym ? SynonymFactor : 1f;
                AddTerm(clause, token.Term, factor);
                if (token.Synonym)
                {
                    continue;
                }
                if (typing is not null && token.EndOffset == text.Length && typing.Length >= 2)
                {
                    AddPrefix(clause, typing);
                }
                if (!index.Vocabulary.Contains(token.Term))
                {
                    var surfaceLength = token.EndOffset - token.StartOffset;
                    var edits = EditDistance.AllowedFor(surfaceLength);
                    if (edits > 0)
                    {
                        AddFuzzy(clause, token.Term, edits);
                    }
                }
            }
            query.Add(clause, Occur.SHOULD);
        }
        return query;
    }

    private void AddTerm(DisjunctionMaxQuery clause, string term, float factor)
    {
        foreach (var (field, boost) in CatalogueFields.Text)
        {
            clause.Add(new TermQuery(new Term(field, term)) { Boost = boost * factor });
        }
        if (index.Tuning.Acronyms)
        {
            clause.Add(new TermQuery(new Term(CatalogueFields.Acronym, term)) { Boost = CatalogueFields.AcronymBoost * factor });
        }
    }

    private static void AddPrefix(DisjunctionMaxQuery clause, string typed)
    {
        foreach (var (field, boost) in CatalogueFields.Text)
        {
            clause.Add(new PrefixQuery(new Term(field, typed))
            {
                Boost = boost * PrefixFactor,
                // Completions scored like terms (with their rarity), at most 64 of them, instead of the default
                // constant score which would weigh a completion without its idf against idf²-weighted exact terms.
                MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(MaxPrefixExpansions),
            });
        }
    }

    private static void AddFuzzy(DisjunctionMaxQuery clause, string term, int edits)
    {
        foreach (var (field, boost) in CatalogueFields.Text)
        {
            clause.Add(new FuzzyQuery(new Term(field, term), edits, prefixLength: 0, MaxFuzzyExpansions, transpositions: true)
            {
                Boost = boost * (edits == 1 ? FuzzyOneFactor : FuzzyTwoFactor),
            });
        }
    }

    private string? TypedWord(string text)
    {
        string? last = null;
        using var stream = _analysis.Surface.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            last = offset.EndOffset == text.Length ? term.ToString() : null;
        }
        stream.End();
        return last;
    }

    private List<QueryToken> Tokens(string text)
    {
        var tokens = new List<QueryToken>();
        using var stream = _analysis.Query.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new QueryToken(term.ToString(), position, type.Type == SynonymFilter.TYPE_SYNONYM, offset.StartOffset, offset.EndOffset));
        }
        stream.End();
        return tokens;
    }

    private sealed record QueryToken(string Term, int Position, bool Synonym, int StartOffset, int EndOffset);
}
