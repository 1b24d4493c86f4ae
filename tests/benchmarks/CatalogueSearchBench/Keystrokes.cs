namespace CatalogueSearchBench;

/// <summary>
/// Search-as-you-type load: every prefix of each judged query as a person types it (« w », « we », « web », …,
/// « webmial »), trailing-space states included; blank prefixes are skipped (the search box sends nothing).
/// </summary>
public static class Keystrokes
{
    public static List<BenchQuery> Of(IEnumerable<BenchQuery> queries) =>
        queries.SelectMany(query => Enumerable.Range(1, query.Text.Length)
                .Select(length => query.Text[..length])
                .Where(prefix => !string.IsNullOrWhiteSpace(prefix))
                .Select(prefix => new BenchQuery(prefix, query.Org, null)))
            .ToList();

    /// <summary>Latency of <paramref name="search"/> over every keystroke, <paramref name="rounds"/> times (after one warm-up pass), sorted.</summary>
    public static List<double> Measure(IReadOnlyList<BenchQuery> keystrokes, Action<BenchQuery> search, int rounds)
    {
        foreach (var keystroke in keystrokes)
        {
            search(keystroke);
        }
        var latencies = new List<double>(keystrokes.Count * rounds);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var keystroke in keystrokes)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                search(keystroke);
                latencies.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }
        }
        latencies.Sort();
        return latencies;
    }
}
