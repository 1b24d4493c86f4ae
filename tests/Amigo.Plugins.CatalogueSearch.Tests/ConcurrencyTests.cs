namespace Amigo.Plugins.CatalogueSearch.Tests;

/// <summary>Searches reuse per-thread working memory: results must not depend on what ran before or beside them.</summary>
public sealed class ConcurrencyTests
{
    private static readonly string[] Queries = ["webmail", "mot de passe oublié", "reseau wifi", "messa", "imprimante en panne", "publinet", "service"];

    [Fact]
    public async Task Parallel_searches_give_the_same_results_as_sequential_ones()
    {
        var catalogue = TestAcademies.Normandie();
        var expected = Queries.ToDictionary(query => query, query => Ids(catalogue, query));

        var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                var query = Queries[(i + worker) % Queries.Length];
                Assert.Equal(expected[query], Ids(catalogue, query));
            }
        }));
        await Task.WhenAll(tasks);
    }

    [Fact]
    public void A_search_after_a_broad_one_is_not_polluted()
    {
        var catalogue = TestAcademies.Normandie();
        var alone = Ids(TestAcademies.Normandie(), "badge");
        Ids(catalogue, "service");
        Ids(catalogue, "demande de service dysfonctionnement accès application");
        Assert.Equal(alone, Ids(catalogue, "badge"));
    }

    private static List<long> Ids(Indexing.AcademyCatalogue catalogue, string query) =>
        TestAcademies.Search(catalogue, query, NormandieCatalogue.RectoratCode).Items.Select(hit => hit.ServiceSubcategoryId).ToList();
}
