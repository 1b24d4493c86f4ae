using Amigo.Plugins.CatalogueSearch.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;

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

    /// <summary>The subcategory ids of the top <paramref name="count"/> hits for <paramref name="text"/> typed by a user of <paramref name="organization"/>.</summary>
    public List<long> Search(string text, string organization, int count = 10)
    {
        var query = _builder.Build(text);
        if (query is null)
        {
            return [];
        }
        var filter = index.ScopeFilter(OrganizationId(organization));
        var collector = new AllHitsCollector();
        index.Searcher.Search(query, filter, collector);
        return collector.Top(count, index);
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
            var best = _hits.Max(hit => hit.Score);
            return _hits
                .OrderByDescending(hit => (long)Math.Round(hit.Score / best * 10_000))
                .ThenByDescending(hit => index.Usage[hit.Doc])
                .ThenBy(hit => index.Order[hit.Doc])
                .Take(count)
                .Select(hit => index.SubcategoryIds[hit.Doc])
                .ToList();
        }
    }
}
