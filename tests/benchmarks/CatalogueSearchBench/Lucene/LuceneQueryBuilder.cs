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
        var surfaces = SurfaceWords(text);
        var typing = text.Length > 0 && char.IsLetterOrDigit(text[^1]) ? surfaces.GetValueOrDefault(text.Length) : null;
        var query = new BooleanQuery(disableCoord: !index.Tuning.Coord);
        foreach (var position in tokens.GroupBy(token => token.Position))
        {
            var clause = new DisjunctionMaxQuery(index.Tuning.TieBreaker);
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
                    var surface = surfaces.GetValueOrDefault(token.EndOffset) ?? token.Term;
                    var edits = Math.Min(EditDistance.AllowedFor(surface.Length), index.Tuning.MaxTypoEdits);
                    if (edits > 0)
                    {
                        AddFuzzy(clause, surface, edits);
                    }
                }
            }
            if (clause.Disjuncts.Count > 0)
            {
                query.Add(clause, Occur.SHOULD);
            }
        }
        return query;
    }

    private void AddTerm(DisjunctionMaxQuery clause, string term, float factor)
    {
        foreach (var (field, boost) in CatalogueFields.Text)
        {
            // Synonyms and expansions multiply clauses (« bug » has 16 synonyms × 6 fields); pairs absent from the
            // field's term dictionary are skipped here rather than sought by each TermQuery.
            if (index.FieldTerms[field].Contains(term))
            {
                clause.Add(new TermQuery(new Term(field, term)) { Boost = boost * factor });
            }
        }
        if (index.Tuning.Acronyms && factor > PrefixFactor && index.FieldTerms[CatalogueFields.Acronym].Contains(term))
        {
            // Initials are matched whole (the user's word or a synonym), never as completions or typos.
            clause.Add(new TermQuery(new Term(CatalogueFields.Acronym, term)) { Boost = CatalogueFields.AcronymBoost * factor });
        }
    }

    private void AddPrefix(DisjunctionMaxQuery clause, string typed)
    {
        // Completions scored like terms (with their rarity), at most 64 of them, instead of the default constant
        // score, which would weigh a completion without its idf against idf²-weighted exact terms.
        var prefix = new PrefixQuery(new Term(CatalogueFields.Vocabulary, typed))
        {
            MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(MaxPrefixExpansions),
        };
        AddExpansions(clause, prefix, PrefixFactor);
    }

    private void AddFuzzy(DisjunctionMaxQuery clause, string surface, int edits)
    {
        // FuzzyQuery's own rewrite: the closest words (at most 50), each boosted by its similarity.
        var fuzzy = new FuzzyQuery(new Term(CatalogueFields.Vocabulary, surface), edits, prefixLength: 0, MaxFuzzyExpansions, transpositions: true);
        AddExpansions(clause, fuzzy, edits == 1 ? FuzzyOneFactor : FuzzyTwoFactor);
    }

    /// <summary>
    /// Expands a prefix or fuzzy query once, on the field holding every surface word (one Levenshtein automaton
    /// instead of one per field), then searches the index term of each expanded word in every field with that
    /// field's boost (several words sharing a stem are searched once, at the best boost).
    /// </summary>
    private void AddExpansions(DisjunctionMaxQuery clause, MultiTermQuery query, float factor)
    {
        if (query.Rewrite(index.Reader) is not BooleanQuery expanded)
        {
            return;
        }
        var stems = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var expansion in expanded.Clauses)
        {
            if (expansion.Query is TermQuery term && index.StemOfSurface.TryGetValue(term.Term.Text, out var stem))
            {
                stems[stem] = Math.Max(stems.GetValueOrDefault(stem), term.Boost);
            }
        }
        foreach (var (stem, boost) in stems)
        {
            AddTerm(clause, stem, factor * boost);
        }
    }

    /// <summary>The folded, unstemmed words of <paramref name="text"/> by end offset (what was typed, for prefixes and typos).</summary>
    private Dictionary<int, string> SurfaceWords(string text)
    {
        var words = new Dictionary<int, string>();
        using var stream = _analysis.Surface.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            words[offset.EndOffset] = term.ToString();
        }
        stream.End();
        return words;
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
