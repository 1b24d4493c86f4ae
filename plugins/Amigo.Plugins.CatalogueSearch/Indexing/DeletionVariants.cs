namespace Amigo.Plugins.CatalogueSearch.Indexing;

/// <summary>
/// The strings obtained by deleting up to n characters of a word (symmetric-delete candidate generation): two
/// words within n edits (insertions, deletions, substitutions, swaps) always share such a variant, so typo
/// candidates are found by dictionary look-ups instead of a scan of the vocabulary.
/// </summary>
public static class DeletionVariants
{
    /// <summary>The word itself and every variant with up to <paramref name="maxDeletes"/> characters deleted.</summary>
    public static HashSet<string> Of(string word, int maxDeletes)
    {
        var variants = new HashSet<string>(StringComparer.Ordinal) { word };
        var frontier = new List<string> { word };
        for (var round = 0; round < maxDeletes; round++)
        {
            var next = new List<string>();
            foreach (var current in frontier)
            {
                if (current.Length <= 1)
                {
                    continue;
                }
                for (var i = 0; i < current.Length; i++)
                {
                    var variant = current.Remove(i, 1);
                    if (variants.Add(variant))
                    {
                        next.Add(variant);
                    }
                }
            }
            frontier = next;
        }
        return variants;
    }
}
