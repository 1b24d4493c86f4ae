namespace CatalogueSearchBench.LuceneNet;

/// <summary>
/// Initials of a name's 3–6-word segments (« Espace numérique de travail » → <c>ent</c>), the way the plugin indexes
/// them. Lucene has no filter for this; it is part of how the catalogue is modelled, not of the engine, so the
/// Lucene engine gets it too (the benchmark also runs a variant without it).
/// </summary>
public static class Acronyms
{
    public static IEnumerable<string> Of(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            yield break;
        }
        foreach (var segment in FrenchAnalyzer.Default.Analyze(name).Where(word => !word.IsStopWord && char.IsLetter(word.Folded[0])).GroupBy(word => word.Segment))
        {
            var words = segment.ToList();
            if (words.Count is >= 3 and <= 6)
            {
                yield return string.Concat(words.Select(word => word.Folded[0]));
            }
        }
    }
}
