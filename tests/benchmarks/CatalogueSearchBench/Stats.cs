namespace CatalogueSearchBench;

/// <summary>Latency percentiles and relevance of one engine on one query set.</summary>
public sealed record EngineFigures(string Engine, double P50Micro, double P99Micro, double MeanMicro, double? Mrr, double? HitAt1, string? Note = null);

public static class Stats
{
    public static double Percentile(List<double> sorted, double fraction)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var index = (int)Math.Ceiling(fraction * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    public static int RankOf(IReadOnlyList<long> ranked, long expected)
    {
        for (var i = 0; i < Math.Min(10, ranked.Count); i++)
        {
            if (ranked[i] == expected)
            {
                return i + 1;
            }
        }
        return 0;
    }

    public static (double Mrr, double HitAt1) Relevance(IReadOnlyCollection<int> ranks) =>
        (ranks.Sum(rank => rank == 0 ? 0 : 1.0 / rank) / ranks.Count, ranks.Count(rank => rank == 1) / (double)ranks.Count);
}
