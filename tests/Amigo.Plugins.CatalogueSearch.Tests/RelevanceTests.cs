namespace Amigo.Plugins.CatalogueSearch.Tests;

/// <summary>Relevance on the labelled set (LabelledQueries.json): MRR@10 ≥ 0.9 and hit@1 ≥ 0.8.</summary>
public sealed class RelevanceTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<LabelledQuery> Labelled =
        LabelledQuery.Load(Path.Combine(AppContext.BaseDirectory, "LabelledQueries.json"));

    [Fact]
    public void The_labelled_set_is_large_and_well_formed()
    {
        Assert.True(Labelled.Count >= 60, $"{Labelled.Count} labelled queries");
        var ids = NormandieCatalogue.Rows.Select(row => row.SubcategoryId).ToHashSet();
        Assert.All(Labelled, query => Assert.Contains(query.Expected, ids));
    }

    [Fact]
    public void Labelled_queries_reach_mrr_at_10_of_0_9_and_hit_at_1_of_0_8()
    {
        var catalogue = TestAcademies.Normandie();
        var ranks = new List<int>();
        var report = new StringBuilder();
        foreach (var query in Labelled)
        {
            var ranked = TestAcademies.Search(catalogue, query.Query, query.Org).Items.Select(hit => hit.ServiceSubcategoryId).ToList();
            var rank = RelevanceMetrics.RankOf(ranked, query.Expected);
            ranks.Add(rank);
            if (rank != 1)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  rank {(rank == 0 ? ">10" : rank.ToString(CultureInfo.InvariantCulture))}: \"{query.Query}\" expected {query.Expected}, got [{string.Join(", ", ranked.Take(5))}]");
            }
        }
        var (mrr, hit1) = RelevanceMetrics.Of(ranks);
        output.WriteLine($"Labelled queries: {ranks.Count}, MRR@10 = {mrr:0.000}, hit@1 = {hit1:0.000}");
        output.WriteLine(report.ToString());
        Assert.True(mrr >= 0.9, $"MRR@10 {mrr:0.000}\n{report}");
        Assert.True(hit1 >= 0.8, $"hit@1 {hit1:0.000}\n{report}");
    }
}
