namespace CatalogueSearchBench.LuceneNet;

/// <summary>What one typo or prefix expansion costs Lucene.Net alone (rewrite on the vocabulary field), to explain the latency table.</summary>
public static class ExpansionProbe
{
    public static void Print(LuceneCatalogueIndex index, int repeats = 200)
    {
        Console.WriteLine("Lucene.Net expansion cost alone (rewrite of one query on the vocabulary field, median of " + repeats + "):");
        Report(index, "FuzzyQuery 1 edit  « moduel »", () => new FuzzyQuery(new Term(CatalogueFields.Vocabulary, "moduel"), 1, 0, 50, true), repeats);
        Report(index, "FuzzyQuery 2 edits « synchronisaiton »", () => new FuzzyQuery(new Term(CatalogueFields.Vocabulary, "synchronisaiton"), 2, 0, 50, true), repeats);
        Report(index, "PrefixQuery « messa »", () => new PrefixQuery(new Term(CatalogueFields.Vocabulary, "messa")) { MultiTermRewriteMethod = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(64) }, repeats);
    }

    private static void Report(LuceneCatalogueIndex index, string label, Func<MultiTermQuery> make, int repeats)
    {
        var times = new List<double>(repeats);
        var expansions = 0;
        for (var i = 0; i < repeats + 20; i++)
        {
            var query = make();
            var started = Stopwatch.GetTimestamp();
            var rewritten = query.Rewrite(index.Reader);
            var micro = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            if (i >= 20)
            {
                times.Add(micro);
            }
            expansions = rewritten is BooleanQuery boolean ? boolean.Clauses.Count : 1;
        }
        times.Sort();
        Console.WriteLine($"  {label,-40} {times[times.Count / 2],8:0.0} µs  ({expansions} terms)");
    }
}
