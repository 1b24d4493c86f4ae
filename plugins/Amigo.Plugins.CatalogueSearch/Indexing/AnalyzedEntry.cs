namespace Amigo.Plugins.CatalogueSearch.Indexing;

/// <summary>
/// A catalogue row with its index terms and the fields each term occurs in. Analysis is the costly part of an
/// index build, so incremental rebuilds keep the entries of unchanged rows.
/// </summary>
public sealed class AnalyzedEntry
{
    private AnalyzedEntry(CatalogueRow row, IReadOnlyDictionary<string, CatalogueField> terms)
    {
        Row = row;
        Terms = terms;
    }

    /// <summary>The row.</summary>
    public CatalogueRow Row { get; }

    /// <summary>Term (stem) → fields it occurs in.</summary>
    public IReadOnlyDictionary<string, CatalogueField> Terms { get; }

    /// <summary>Analyses <paramref name="row"/>.</summary>
    public static AnalyzedEntry Create(CatalogueRow row, FrenchAnalyzer analyzer)
    {
        var terms = new Dictionary<string, CatalogueField>(StringComparer.Ordinal);
        AddName(terms, analyzer, row.SubcategoryName, CatalogueField.SubcategoryName);
        AddName(terms, analyzer, row.ServiceName, CatalogueField.ServiceName);
        Add(terms, analyzer, row.FamilyName, CatalogueField.FamilyName);
        Add(terms, analyzer, row.FamilyGroupName, CatalogueField.FamilyGroup);
        Add(terms, analyzer, row.DomainName, CatalogueField.Domain);
        Add(terms, analyzer, row.SubcategoryDescription, CatalogueField.Description);
        Add(terms, analyzer, row.ServiceDescription, CatalogueField.Description);
        return new AnalyzedEntry(row, terms);
    }

    private static void AddName(Dictionary<string, CatalogueField> terms, FrenchAnalyzer analyzer, string? text, CatalogueField field)
    {
        var words = Add(terms, analyzer, text, field);
        // Initials of a long name ("Espace numérique de travail" → "ent") let people type the acronym they use.
        foreach (var segment in words.Where(word => !word.IsStopWord && char.IsLetter(word.Folded[0])).GroupBy(word => word.Segment))
        {
            var content = segment.ToList();
            if (content.Count is >= 3 and <= 6)
            {
                var acronym = string.Concat(content.Select(word => word.Folded[0]));
                Mark(terms, acronym, CatalogueField.NameAcronym);
            }
        }
    }

    private static List<AnalyzedWord> Add(Dictionary<string, CatalogueField> terms, FrenchAnalyzer analyzer, string? text, CatalogueField field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var words = analyzer.Analyze(text);
        foreach (var word in words)
        {
            if (word.IsStopWord)
            {
                continue;
            }
            Mark(terms, word.Stem, field);
            foreach (var part in word.PartStems)
            {
                Mark(terms, part, field);
            }
        }
        return words;
    }

    private static void Mark(Dictionary<string, CatalogueField> terms, string term, CatalogueField field)
    {
        terms[term] = terms.TryGetValue(term, out var existing) ? existing | field : field;
    }
}
