namespace Amigo.Plugins.CatalogueSearch.Tests;

/// <summary>
/// Typo matching is capped for long words: a 256-letter word (the longest query accepted by default) used to generate
/// every two-deletion variant (~33,000 strings, 35 MB per search).
/// </summary>
public sealed class LongWordTests
{
    [Theory]
    [InlineData(24, 2)]
    [InlineData(25, 0)]
    [InlineData(256, 0)]
    public void Words_longer_than_the_cap_get_no_typo_budget(int length, int edits) =>
        Assert.Equal(edits, EditDistance.AllowedFor(length));

    [Fact]
    public void A_256_letter_word_allocates_as_little_as_a_normal_search()
    {
        var catalogue = TestAcademies.Normandie();
        var longWord = string.Concat(Enumerable.Repeat("messagerie", 26))[..256];
        // Warm-up: the first searches build caches and JIT the code.
        TestAcademies.Search(catalogue, "messagrie", NormandieCatalogue.RectoratCode);
        TestAcademies.Search(catalogue, longWord, NormandieCatalogue.RectoratCode);

        var normal = AllocatedBy(() => TestAcademies.Search(catalogue, "messagrie", NormandieCatalogue.RectoratCode));
        var allocated = AllocatedBy(() => TestAcademies.Search(catalogue, longWord, NormandieCatalogue.RectoratCode));

        // Before the cap: ~35 MB. A normal typo search allocates a few KB; the long word may cost its own length a few times.
        Assert.True(allocated < Math.Max(4 * normal, 64 * 1024), $"a 256-letter word allocated {allocated:N0} bytes (a normal typo search: {normal:N0})");
    }

    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
