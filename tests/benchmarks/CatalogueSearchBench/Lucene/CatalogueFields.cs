namespace CatalogueSearchBench.LuceneNet;

/// <summary>The Lucene fields of a catalogue row and their boosts, mirroring the plugin's field weights.</summary>
public static class CatalogueFields
{
    public const string Subcategory = "subcategory";
    public const string Service = "service";
    public const string Acronym = "acronym";
    public const string Family = "family";
    public const string Group = "group";
    public const string Domain = "domain";
    public const string Description = "description";
    /// <summary>
    /// Every text field's words, folded but not stemmed, searched only to expand prefixes and typos (once instead of
    /// once per field). Not stemmed because the light stemmer also rewrites the start of words (it collapses double
    /// letters: « messagerie » → « mesager »), so « messa » would complete nothing on stems.
    /// </summary>
    public const string Vocabulary = "all";
    public const string ServiceId = "service_id";
    public const string SubcategoryId = "subcategory_id";
    public const string Usage = "usage";
    public const string Order = "order";

    /// <summary>Searched text fields with their boosts (subcategory/service names 10, acronym 9, family 4, group 3, domain 2, descriptions 1).</summary>
    public static IReadOnlyList<(string Field, float Boost)> Text { get; } =
    [
        (Subcategory, 10f), (Service, 10f), (Family, 4f), (Group, 3f), (Domain, 2f), (Description, 1f),
    ];

    /// <summary>The acronym field's boost (exact term only: it holds initials, not words).</summary>
    public const float AcronymBoost = 9f;
}
