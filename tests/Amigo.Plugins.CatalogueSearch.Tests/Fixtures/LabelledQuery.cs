namespace Amigo.Plugins.CatalogueSearch.Tests.Fixtures;

/// <summary>A query of the labelled set: what a person typed, their organization and the subcategory they meant.</summary>
/// <param name="Query">The text typed.</param>
/// <param name="Org">The user's organization (code or id).</param>
/// <param name="Expected">The subcategory id a person means.</param>
public sealed record LabelledQuery(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("org")] string Org,
    [property: JsonPropertyName("expected")] long Expected)
{
    /// <summary>Loads <c>LabelledQueries.json</c> from <paramref name="path"/>.</summary>
    public static IReadOnlyList<LabelledQuery> Load(string path)
    {
        using var stream = File.OpenRead(path);
        var document = JsonSerializer.Deserialize<LabelledQuerySet>(stream) ?? throw new InvalidDataException($"{path} is empty");
        return document.Queries;
    }

    private sealed record LabelledQuerySet([property: JsonPropertyName("queries")] List<LabelledQuery> Queries);
}

/// <summary>Mean reciprocal rank at 10 and hit at 1 of a labelled set.</summary>
public static class RelevanceMetrics
{
    /// <summary>The 1-based rank of <paramref name="expected"/> in <paramref name="ranked"/> within the first 10, or 0.</summary>
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

    /// <summary>MRR@10 and hit@1 of a list of ranks (0 = not in the first 10).</summary>
    public static (double Mrr, double HitAt1) Of(IReadOnlyCollection<int> ranks) =>
        (ranks.Sum(rank => rank == 0 ? 0 : 1.0 / rank) / ranks.Count, ranks.Count(rank => rank == 1) / (double)ranks.Count);
}
