namespace CatalogueSearchBench.LuceneNet;

/// <summary>
/// Searches the Lucene index the way the plugin answers: scope filter of the user's organization, then the ranking
/// rule score, usage in tickets, catalogue order. Lucene's own top-N collectors break ties by doc id only, so a
/// small collector keeps every hit and the top 10 are picked with the plugin's rule; scores are compared at 1e-4 of
/// the best (the plugin rounds absolute scores of ~10–60 to 0.001, the same resolution).
/// </summary>
public sealed class LuceneCatalogueEngine(LuceneCatalogueIndex index, CatalogueScope scope)
{
    private readonly LuceneQueryBuilder _builder = new(index);
    private readonly Dictionary<string, long> _organizations = [];

    public LuceneCatalogueIndex Index => index;
    private readonly long[] _ticks = new long[3];
    private long _searches;

    /// <summary>Mean µs per search spent building the query (analysis, prefix and typo expansion), searching (scoring under the scope filter), and picking the top 10.</summary>
    public (double Build, double Search, double Top) MeanSplitMicro() =>
        (Micro(_ticks[0]), Micro(_ticks[1]), Micro(_ticks[2]));

    private double Micro(long ticks) => _searches == 0 ? 0 : ticks * 1e6 / System.Diagnostics.Stopwatch.Frequency / _searches;

    /// <summary>The subcategory ids of the top <paramref name="count"/> hits for <paramref name="text"/> typed by a user of <paramref name="organization"/>.</summary>
    public List<long> Search(string text, string organization, int count = 10)
    {
        var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var query = _builder.Build(text);
        if (query is null)
        {
            return [];
        }
        var t1 = System.Diagnostics.Stopwatch.GetTimestamp();
        var filter = index.ScopeFilter(OrganizationId(organization));
        var collector = new AllHitsCollector();
        index.Searcher.Search(query, filter, collector);
        var t2 = System.Diagnostics.Stopwatch.GetTimestamp();
        var top = collector.Top(count, index);
        var t3 = System.Diagnostics.Stopwatch.GetTimestamp();
        _ticks[0] += t1 - t0;
        _ticks[1] += t2 - t1;
        _ticks[2] += t3 - t2;
        _searches++;
        return top;
    }

    /// <summary>Lucene's explanation of a subcategory's score for <paramref name="text"/> (diagnostics: <c>--explain</c>).</summary>
    public string Explain(string text, long subcategoryId)
    {
        var query = _builder.Build(text);
        var doc = Array.IndexOf(index.SubcategoryIds, subcategoryId);
        return query is null || doc < 0 ? "(no query or no such row)" : index.Searcher.Explain(query, doc).ToString();
    }

    private long OrganizationId(string organization)
    {
        lock (_organizations)
        {
            if (!_organizations.TryGetValue(organization, out var id))
            {
                _organizations[organization] = id = scope.Resolve(organization) ?? throw new ArgumentException($"Unknown organization '{organization}'.");
            }
            return id;
        }
    }

    private sealed class AllHitsCollector : ICollector
    {
        private readonly List<(int Doc, float Score)> _hits = [];
        private Scorer? _scorer;
        private int _docBase;

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void Collect(int doc) => _hits.Add((_docBase + doc, _scorer!.GetScore()));

        public List<long> Top(int count, LuceneCatalogueIndex index)
        {
            if (_hits.Count == 0)
            {
                return [];
            }
            var best = 0f;
            foreach (var (_, score) in _hits)
            {
                best = Math.Max(best, score);
            }
            // A bounded heap keyed on (score at 1e-4 of the best, usage, catalogue order): only the page is sorted.
            var heap = new PriorityQueue<int, (long Score, int Usage, int Order)>(count + 1);
            foreach (var (doc, score) in _hits)
            {
                heap.Enqueue(doc, ((long)Math.Round(score / best * 10_000), index.Usage[doc], -index.Order[doc]));
                if (heap.Count > count)
                {
                    heap.Dequeue();
                }
            }
            var top = new long[heap.Count];
            for (var i = top.Length - 1; i >= 0; i--)
            {
                top[i] = index.SubcategoryIds[heap.Dequeue()];
            }
            return [.. top];
        }
    }
}
