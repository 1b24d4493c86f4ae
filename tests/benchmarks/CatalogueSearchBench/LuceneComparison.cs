namespace CatalogueSearchBench;

/// <summary>What the hand-written engine measured in this run, the baseline of the Lucene.Net comparison.</summary>
public sealed record BaselineFigures(double BuildMs, double MemoryMb, List<double> Latencies, List<double> PerQueryMedians, List<int> Ranks, Func<BenchQuery, List<long>> Search);

/// <summary>
/// Issue #17: the Lucene.Net engine beside the hand-written one on the same catalogue, queries and scope, in the same
/// run; prints the comparison table, keystroke latencies, the queries Lucene ranks worse, and the issue's decision.
/// </summary>
public static class LuceneComparison
{
    public static void Run(
        IReadOnlyList<CatalogueRow> orderedRows, CatalogueScope scope, IReadOnlyDictionary<long, int> usage,
        IReadOnlyList<BenchQuery> labelled, IReadOnlyList<BenchQuery> all, int rounds, int keystrokeRounds, BaselineFigures ours, bool explain = false)
    {
        var rowsById = orderedRows.ToDictionary(row => row.SubcategoryId);
        var lines = new List<(string Engine, double BuildMs, double MemoryMb, double P50, double P99, double MedianP99, double Mrr, double Hit)>();
        var (ourMrr, ourHit) = Stats.Relevance(ours.Ranks);
        lines.Add(("hand-written (plugin, baseline)", ours.BuildMs, ours.MemoryMb, Stats.Percentile(ours.Latencies, 0.5), Stats.Percentile(ours.Latencies, 0.99),
            Stats.Percentile(ours.PerQueryMedians, 0.99), ourMrr, ourHit));
        var engines = new List<(LuceneCatalogueEngine Engine, List<int> Ranks, List<double> Medians)>();
        foreach (var tuning in LuceneTuning.Variants)
        {
            var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
            var watch = Stopwatch.StartNew();
            var analysis = new FrenchCatalogueAnalysis(tuning.Stemmer, DefaultSynonyms.Rules);
            var index = LuceneCatalogueIndex.Build(orderedRows, tuning, analysis, scope, usage);
            watch.Stop();
            var memoryMb = (GC.GetTotalMemory(forceFullCollection: true) - memoryBefore) / 1048576.0;
            var engine = new LuceneCatalogueEngine(index, scope);
            var ranks = labelled.Select(query => Stats.RankOf(engine.Search(query.Text, query.Org), query.Expected!.Value)).ToList();
            var (latencies, medians) = MeasureUnsorted(all, query => engine.Search(query.Text, query.Org), rounds);
            var (mrr, hit) = Stats.Relevance(ranks);
            lines.Add(($"Lucene.Net: {tuning.Name}", watch.Elapsed.TotalMilliseconds, memoryMb, Stats.Percentile(latencies, 0.5), Stats.Percentile(latencies, 0.99),
                Stats.Percentile(medians.Order().ToList(), 0.99), mrr, hit));
            engines.Add((engine, ranks, medians));
        }
        // The variant tuned best on the labelled set (MRR@10 + hit@1, then the lower p50) is the one compared in detail.
        var bestLine = Enumerable.Range(1, lines.Count - 1).OrderByDescending(i => Math.Round(lines[i].Mrr + lines[i].Hit, 6)).ThenBy(i => lines[i].P50).First();
        var (primary, primaryRanks, primaryMedians) = engines[bestLine - 1];
        var primaryName = lines[bestLine].Engine;

        Console.WriteLine();
        Console.WriteLine($"Search engine comparison (issue #17): same {orderedRows.Count}-row catalogue, same {all.Count} queries and organization scope, warm, × {rounds} rounds");
        Console.WriteLine($"{"engine",-44} {"build ms",9} {"heap MB",8} {"p50 µs",8} {"p99 µs",9} {"p99 med",8} {"MRR@10",7} {"hit@1",6} {"ΔMRR",7} {"Δhit@1",7}");
        foreach (var line in lines)
        {
            Console.WriteLine($"{line.Engine,-44} {line.BuildMs,9:0} {line.MemoryMb,8:0.0} {line.P50,8:0.0} {line.P99,9:0.0} {line.MedianP99,8:0.0} {line.Mrr,7:0.000} {line.Hit,6:0.000} {line.Mrr - ourMrr,7:+0.000;-0.000;0.000} {line.Hit - ourHit,7:+0.000;-0.000;0.000}");
        }
        Console.WriteLine("(p99 med: p99 of per-query medians over the rounds, robust to scheduler preemption; heap MB: managed heap growth while building, index kept alive; relevance over the labelled queries)");

        var keystrokes = Keystrokes.Of(labelled);
        var ourKeys = Keystrokes.Measure(keystrokes, query => ours.Search(query), keystrokeRounds);
        var luceneKeys = Keystrokes.Measure(keystrokes, query => primary!.Search(query.Text, query.Org), keystrokeRounds);
        Console.WriteLine();
        Console.WriteLine($"Search as you type: every prefix of the {labelled.Count} labelled queries ({keystrokes.Count} keystrokes) × {keystrokeRounds} rounds");
        Console.WriteLine($"{"engine",-44} {"p50 µs",8} {"p99 µs",9} {"max µs",9}");
        Console.WriteLine($"{"hand-written (plugin, baseline)",-44} {Stats.Percentile(ourKeys, 0.5),8:0.0} {Stats.Percentile(ourKeys, 0.99),9:0.0} {ourKeys[^1],9:0.0}");
        Console.WriteLine($"{primaryName,-44} {Stats.Percentile(luceneKeys, 0.5),8:0.0} {Stats.Percentile(luceneKeys, 0.99),9:0.0} {luceneKeys[^1],9:0.0}");

        Console.WriteLine();
        var split = primary.MeanSplitMicro();
        Console.WriteLine($"{primaryName}: mean µs per search: query building (analysis, prefix and typo expansion) {split.Build:0.0}, scoring under the scope filter {split.Search:0.0}, top 10 {split.Top:0.0}");
        ExpansionProbe.Print(primary.Index);
        Console.WriteLine($"{primaryName}: slowest queries (median of rounds, µs):");
        foreach (var (query, median) in all.Zip(primaryMedians).OrderByDescending(pair => pair.Second).Take(8))
        {
            Console.WriteLine($"  {median,8:0.0}  \"{query.Text}\"");
        }
        Console.WriteLine();
        Console.WriteLine($"Labelled queries {primaryName} ranks worse than the plugin (rank: plugin → Lucene; Lucene's first hit):");
        foreach (var (query, (ourRank, luceneRank)) in labelled.Zip(ours.Ranks.Zip(primaryRanks!)))
        {
            if (Worse(luceneRank, ourRank))
            {
                var top = primary!.Search(query.Text, query.Org, 1);
                var first = top.Count > 0 && rowsById.TryGetValue(top[0], out var row) ? $"{row.ServiceName} › {row.SubcategoryName}" : "(nothing)";
                var expected = rowsById[query.Expected!.Value];
                Console.WriteLine($"  {RankText(ourRank)} → {RankText(luceneRank)}  \"{query.Text}\" wants {expected.ServiceName} › {expected.SubcategoryName}; got {first}");
                if (explain && top.Count > 0)
                {
                    Console.WriteLine("    expected: " + primary.Explain(query.Text, expected.SubcategoryId).Replace("\n", "\n    "));
                    Console.WriteLine("    got: " + primary.Explain(query.Text, top[0]).Replace("\n", "\n    "));
                }
            }
        }
        Console.WriteLine($"Labelled queries {primaryName} ranks better than the plugin (rank: plugin → Lucene):");
        foreach (var (query, (ourRank, luceneRank)) in labelled.Zip(ours.Ranks.Zip(primaryRanks)))
        {
            if (Worse(ourRank, luceneRank))
            {
                Console.WriteLine($"  {RankText(ourRank)} → {RankText(luceneRank)}  \"{query.Text}\"");
                var ourFirst = ours.Search(query).FirstOrDefault();
                if (explain && ourFirst != 0)
                {
                    Console.WriteLine("    expected: " + primary.Explain(query.Text, query.Expected!.Value).Replace("\n", "\n    "));
                    Console.WriteLine($"    plugin's first ({rowsById[ourFirst].ServiceName} › {rowsById[ourFirst].SubcategoryName}): " + primary.Explain(query.Text, ourFirst).Replace("\n", "\n    "));
                }
            }
        }

        var best = lines[bestLine];
        var relevanceOk = best.Mrr >= ourMrr - 0.02 && best.Hit >= ourHit - 0.02;
        var latencyOk = best.P99 < 1000;
        Console.WriteLine();
        Console.WriteLine($"Issue #17 rule on the best Lucene.Net variant ({best.Engine}):");
        Console.WriteLine($"  [{(relevanceOk ? " OK " : "MISS")}] relevance within 0.02 of the plugin: MRR@10 {best.Mrr:0.000} vs {ourMrr:0.000}, hit@1 {best.Hit:0.000} vs {ourHit:0.000}");
        Console.WriteLine($"  [{(latencyOk ? " OK " : "MISS")}] p99 < 1 ms: {best.P99:0.0} µs (p99 of per-query medians {best.MedianP99:0.0} µs)");
        Console.WriteLine($"  decision: {(relevanceOk && latencyOk ? "Lucene.Net matches: replacing the hand-written engine is allowed" : "keep the hand-written engine")}");
        foreach (var (engine, _, _) in engines)
        {
            engine.Index.Dispose();
        }
    }

    internal static (List<double> Sorted, List<double> PerQueryMedians) Measure(IReadOnlyList<BenchQuery> queries, Action<BenchQuery> search, int rounds)
    {
        var (sorted, medians) = MeasureUnsorted(queries, search, rounds);
        return (sorted, medians.Order().ToList());
    }

    /// <summary>Sorted latencies, and each query's median over the rounds in query order.</summary>
    private static (List<double> Sorted, List<double> PerQueryMedians) MeasureUnsorted(IReadOnlyList<BenchQuery> queries, Action<BenchQuery> search, int rounds)
    {
        foreach (var query in queries)
        {
            search(query);
        }
        var latencies = new List<double>(queries.Count * rounds);
        var perQuery = queries.Select(_ => new List<double>(rounds)).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var q = 0; q < queries.Count; q++)
            {
                var started = Stopwatch.GetTimestamp();
                search(queries[q]);
                var micro = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                latencies.Add(micro);
                perQuery[q].Add(micro);
            }
        }
        latencies.Sort();
        return (latencies, perQuery.Select(times => times.Order().ElementAt(times.Count / 2)).ToList());
    }

    // Rank 0 means "not in the first 10".
    private static bool Worse(int rank, int than) => than != 0 && (rank == 0 || rank > than);

    private static string RankText(int rank) => rank == 0 ? ">10" : rank.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The baseline's latency measured with the same loop as Lucene's.</summary>
public static class LuceneComparisonBaseline
{
    public static (List<double> Sorted, List<double> PerQueryMedians) Measure(IReadOnlyList<BenchQuery> queries, Func<BenchQuery, List<long>> search, int rounds) =>
        LuceneComparison.Measure(queries, query => search(query), rounds);
}
