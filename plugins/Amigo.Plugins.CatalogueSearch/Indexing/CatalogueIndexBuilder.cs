namespace Amigo.Plugins.CatalogueSearch.Indexing;

/// <summary>Builds a <see cref="CatalogueIndex"/> from analysed entries (postings, sorted vocabulary, typo candidates).</summary>
public static class CatalogueIndexBuilder
{
    /// <summary>Shortest term given typo candidates (shorter words get no typo tolerance).</summary>
    private const int FuzzyMinTermLength = 3;

    /// <summary>Analyses <paramref name="rows"/> and builds their index.</summary>
    public static CatalogueIndex Build(IEnumerable<CatalogueRow> rows, FrenchAnalyzer analyzer) =>
        Build(rows.Select(row => AnalyzedEntry.Create(row, analyzer)));

    /// <summary>Builds the index of already analysed entries.</summary>
    public static CatalogueIndex Build(IEnumerable<AnalyzedEntry> analyzed)
    {
        var entries = analyzed
            .OrderBy(entry => SortKey(entry.Row), StringComparer.Ordinal)
            .ThenBy(entry => entry.Row.SubcategoryId)
            .ToArray();
        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var postingLists = new List<List<Posting>>();
        for (var doc = 0; doc < entries.Length; doc++)
        {
            foreach (var (term, fields) in entries[doc].Terms)
            {
                if (!termIds.TryGetValue(term, out var id))
                {
                    id = termIds.Count;
                    termIds[term] = id;
                    postingLists.Add([]);
                }
                postingLists[id].Add(new Posting(doc, fields));
            }
        }
        var terms = new string[termIds.Count];
        foreach (var (term, id) in termIds)
        {
            terms[id] = term;
        }
        var postings = postingLists.Select(list => list.ToArray()).ToArray();
        var termsByText = Enumerable.Range(0, terms.Length).OrderBy(id => terms[id], StringComparer.Ordinal).ToArray();
        return new CatalogueIndex(entries, termIds, terms, postings, termsByText, BuildDeletions(terms));
    }

    private static Dictionary<string, int[]> BuildDeletions(string[] terms)
    {
        var lists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var id = 0; id < terms.Length; id++)
        {
            var term = terms[id];
            if (term.Length < FuzzyMinTermLength || term.Length > EditDistance.MaxTypoTermLength)
            {
                continue;
            }
            foreach (var variant in DeletionVariants.Of(term, term.Length >= 5 ? 2 : 1))
            {
                if (!lists.TryGetValue(variant, out var list))
                {
                    lists[variant] = list = [];
                }
                list.Add(id);
            }
        }
        return lists.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
    }

    private static string SortKey(CatalogueRow row) => string.Join('\u0001',
        TextFolding.Fold(row.DomainName ?? ""),
        TextFolding.Fold(row.FamilyGroupName ?? ""),
        TextFolding.Fold(row.FamilyName ?? ""),
        TextFolding.Fold(row.ServiceName),
        TextFolding.Fold(row.SubcategoryName));
}
