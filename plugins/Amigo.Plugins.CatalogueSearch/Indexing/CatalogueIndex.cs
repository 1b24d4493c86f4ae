namespace Amigo.Plugins.CatalogueSearch.Indexing;

/// <summary>
/// The in-process inverted index of one academy's catalogue: immutable once built, so searches read it without
/// locks while a rebuild prepares the next one. Documents are numbered in a deterministic order (domain, group,
/// family, service, subcategory, id), which doubles as the final tie-break of the ranking.
/// </summary>
public sealed class CatalogueIndex
{
    private const int MaxPrefixExpansions = 64;
    private const int MaxTruncatedExpansions = 16;
    private const int TruncatedMinLength = 7;

    private readonly AnalyzedEntry[] _entries;
    private readonly Dictionary<string, int> _termIds;
    private readonly string[] _terms;
    private readonly Posting[][] _postings;
    private readonly int[] _termsByText;
    private readonly Dictionary<string, int[]> _deletions;
    private readonly Dictionary<long, int> _docBySubcategory;

    internal CatalogueIndex(
        AnalyzedEntry[] entries,
        Dictionary<string, int> termIds,
        string[] terms,
        Posting[][] postings,
        int[] termsByText,
        Dictionary<string, int[]> deletions)
    {
        (_entries, _termIds, _terms, _postings, _termsByText, _deletions) =
            (entries, termIds, terms, postings, termsByText, deletions);
        _docBySubcategory = new Dictionary<long, int>(entries.Length);
        for (var doc = 0; doc < entries.Length; doc++)
        {
            _docBySubcategory[entries[doc].Row.SubcategoryId] = doc;
        }
    }

    /// <summary>Number of documents (subcategories).</summary>
    public int Count => _entries.Length;

    /// <summary>Number of distinct terms.</summary>
    public int TermCount => _terms.Length;

    /// <summary>Number of keys of the typo-candidate (deletion) index.</summary>
    public int DeletionKeyCount => _deletions.Count;

    /// <summary>The analysed entries, by document number.</summary>
    public IReadOnlyList<AnalyzedEntry> Entries => _entries;

    /// <summary>The row of a document.</summary>
    public CatalogueRow RowOf(int doc) => _entries[doc].Row;

    /// <summary>The document of a subcategory id, or -1.</summary>
    public int DocOf(long subcategoryId) => _docBySubcategory.TryGetValue(subcategoryId, out var doc) ? doc : -1;

    /// <summary>
    /// Scores every document matching <paramref name="query"/> among those <paramref name="allowed"/> (all when null):
    /// the sum over the query's concepts of the best (field weight × match factor) of each concept, each concept
    /// weighted by its rarity (1 + ln(N / df)) so that a rare word ("filtrage") counts for more than a generic
    /// one ("ne marche pas") when a query has both. The returned scores live in per-thread scratch memory: read them
    /// before the next search on the same thread and dispose the result.
    /// </summary>
    public ScoredDocuments Score(ParsedQuery query, bool[]? allowed)
    {
        var scratch = ScoringScratch.Rent(_entries.Length);
        var total = scratch.Total;
        var matched = scratch.Matched;
        var concept = scratch.Concept;
        foreach (var item in query.Concepts)
        {
            concept.Clear();
            foreach (var alternative in item.Alternatives)
            {
                if (alternative.Tokens.Count == 1)
                {
                    Accumulate(alternative.Tokens[0], alternative.Factor, concept, allowed);
                    continue;
                }
                CombineAllTokens(alternative, scratch.TokenBuffers(alternative.Tokens.Count), concept, allowed);
            }
            if (concept.Touched.Count == 0)
            {
                continue;
            }
            var rarity = 1f + MathF.Log((_entries.Length + 1f) / (concept.Touched.Count + 1f));
            foreach (var doc in concept.Touched)
            {
                if (total[doc] == 0f)
                {
                    matched.Add(doc);
                }
                total[doc] += concept.Scores[doc] * rarity;
            }
        }
        concept.Clear();
        return new ScoredDocuments(scratch);
    }

    /// <summary>The index terms a query word meets, with the factor of each kind of match (exact, prefix, truncated, fuzzy).</summary>
    public List<(int TermId, float Factor)> MatchTerms(QueryToken token)
    {
        var matches = new List<(int, float)>(4);
        var exact = _termIds.TryGetValue(token.Stem, out var exactId);
        if (exact)
        {
            matches.Add((exactId, MatchFactors.Exact));
        }
        if (token.Prefix && token.Folded.Length >= 2)
        {
            AddPrefixMatches(token.Folded, MatchFactors.Prefix, MaxPrefixExpansions, matches);
        }
        if (exact)
        {
            return matches;
        }
        if (token.Folded.Length >= TruncatedMinLength && char.IsLetter(token.Folded[^1]))
        {
            AddPrefixMatches(token.Folded[..^2], MatchFactors.Truncated, MaxTruncatedExpansions, matches);
        }
        var allowedEdits = EditDistance.AllowedFor(token.Folded.Length);
        if (allowedEdits > 0)
        {
            AddFuzzyMatches(token.Stem, allowedEdits, matches);
        }
        return matches;
    }

    /// <summary>
    /// Known terms within <paramref name="maxEdits"/> (at most 2) of <paramref name="stem"/>, nearest first, then the
    /// most frequent: found through the deletion index like typo matching, but with a budget the search itself does
    /// not allow (a short word), for the « vouliez-vous dire » suggestions of a query that found nothing. Only terms
    /// occurring in an <paramref name="allowed"/> document are returned.
    /// </summary>
    public IReadOnlyList<int> NearestTerms(string stem, int maxEdits, bool[]? allowed, int limit)
    {
        if (stem.Length == 0 || maxEdits <= 0 || stem.Length > EditDistance.MaxTypoWordLength) return [];
        var candidates = new HashSet<int>();
        foreach (var key in DeletionVariants.Of(stem, Math.Min(maxEdits, 2)))
        {
            if (_deletions.TryGetValue(key, out var ids)) candidates.UnionWith(ids);
        }
        var found = new List<(int Id, int Distance, int Frequency)>();
        foreach (var id in candidates)
        {
            var distance = EditDistance.Bounded(stem, _terms[id], maxEdits);
            if (distance < 0 || distance > maxEdits) continue;
            var frequency = 0;
            foreach (var posting in _postings[id])
            {
                if (allowed is null || allowed[posting.Doc]) frequency++;
            }
            if (frequency > 0) found.Add((id, distance, frequency));
        }
        return found.OrderBy(f => f.Distance).ThenByDescending(f => f.Frequency).ThenBy(f => _terms[f.Id], StringComparer.Ordinal)
            .Take(limit).Select(f => f.Id).ToList();
    }

    /// <summary>The documents a term occurs in.</summary>
    public IEnumerable<int> DocumentsOf(int termId) => _postings[termId].Select(posting => posting.Doc);

    /// <summary>The text of a term.</summary>
    public string TermText(int termId) => _terms[termId];

    private void Accumulate(QueryToken token, float factor, ScoreBuffer target, bool[]? allowed)
    {
        foreach (var (termId, matchFactor) in MatchTerms(token))
        {
            var scale = factor * matchFactor;
            foreach (var posting in _postings[termId])
            {
                if (allowed is not null && !allowed[posting.Doc])
                {
                    continue;
                }
                target.Max(posting.Doc, CatalogueFieldWeights.Of(posting.Fields) * scale);
            }
        }
    }

    private void CombineAllTokens(QueryAlternative alternative, ScoreBuffer[] buffers, ScoreBuffer target, bool[]? allowed)
    {
        var count = alternative.Tokens.Count;
        for (var k = 0; k < count; k++)
        {
            buffers[k].Clear();
            Accumulate(alternative.Tokens[k], 1f, buffers[k], allowed);
            if (buffers[k].Touched.Count == 0)
            {
                return;
            }
        }
        foreach (var doc in buffers[0].Touched)
        {
            var sum = 0f;
            var all = true;
            for (var k = 0; k < count && all; k++)
            {
                var value = buffers[k].Scores[doc];
                all = value > 0f;
                sum += value;
            }
            if (all)
            {
                target.Max(doc, sum / count * alternative.Factor);
            }
        }
    }

    private void AddPrefixMatches(string prefix, float factor, int limit, List<(int, float)> matches)
    {
        var low = LowerBound(prefix);
        var high = low;
        while (high < _termsByText.Length && _terms[_termsByText[high]].StartsWith(prefix, StringComparison.Ordinal))
        {
            high++;
        }
        IEnumerable<int> range = Enumerable.Range(low, high - low).Select(position => _termsByText[position]);
        if (high - low > limit)
        {
            // Completions closest to what was typed are the likeliest; the rest would only add noise and time.
            range = range.OrderBy(id => _terms[id].Length).ThenBy(id => id).Take(limit);
        }
        foreach (var id in range)
        {
            if (!Contains(matches, id))
            {
                matches.Add((id, factor));
            }
        }
    }

    private void AddFuzzyMatches(string stem, int allowedEdits, List<(int, float)> matches)
    {
        var candidates = new HashSet<int>();
        foreach (var key in DeletionVariants.Of(stem, allowedEdits))
        {
            if (_deletions.TryGetValue(key, out var ids))
            {
                candidates.UnionWith(ids);
            }
        }
        foreach (var id in candidates)
        {
            if (Contains(matches, id))
            {
                continue;
            }
            var distance = EditDistance.Bounded(stem, _terms[id], allowedEdits);
            if (distance is > 0 && distance <= allowedEdits)
            {
                matches.Add((id, distance == 1 ? MatchFactors.FuzzyOne : MatchFactors.FuzzyTwo));
            }
        }
    }

    private static bool Contains(List<(int Id, float)> matches, int id)
    {
        foreach (var match in matches)
        {
            if (match.Id == id)
            {
                return true;
            }
        }
        return false;
    }

    private int LowerBound(string prefix)
    {
        var low = 0;
        var high = _termsByText.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (string.CompareOrdinal(_terms[_termsByText[middle]], prefix) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
