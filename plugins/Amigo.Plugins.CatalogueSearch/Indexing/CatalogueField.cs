namespace Amigo.Plugins.CatalogueSearch.Indexing;

/// <summary>Where in a catalogue row a term was found (a bit set per posting).</summary>
[Flags]
public enum CatalogueField : byte
{
    /// <summary>Nowhere.</summary>
    None = 0,
    /// <summary>Sous catégorie de service.</summary>
    SubcategoryName = 1,
    /// <summary>Service.</summary>
    ServiceName = 2,
    /// <summary>Acronym built from the initials of a subcategory or service name (<c>Espace numérique de travail</c> → <c>ent</c>).</summary>
    NameAcronym = 4,
    /// <summary>Famille de service.</summary>
    FamilyName = 8,
    /// <summary>Groupe de famille.</summary>
    FamilyGroup = 16,
    /// <summary>Domaine de service.</summary>
    Domain = 32,
    /// <summary>Subcategory or service description.</summary>
    Description = 64,
}

/// <summary>
/// How much a match in each field is worth. A name match (subcategory or service) outranks any family, group,
/// domain or description match whatever its kind: the weakest name match (fuzzy, distance 2: 10 × 0.5) is worth
/// more than the strongest family match (4 × 1).
/// </summary>
public static class CatalogueFieldWeights
{
    private static readonly float[] ByMask = BuildTable();

    /// <summary>Weight of a match in the given fields: the best field, plus a small bonus when both names match.</summary>
    public static float Of(CatalogueField fields) => ByMask[(int)fields];

    /// <summary>Weight of one field alone.</summary>
    public static float Single(CatalogueField field) => field switch
    {
        CatalogueField.SubcategoryName => 10f,
        CatalogueField.ServiceName => 10f,
        CatalogueField.NameAcronym => 9f,
        CatalogueField.FamilyName => 4f,
        CatalogueField.FamilyGroup => 3f,
        CatalogueField.Domain => 2f,
        CatalogueField.Description => 1f,
        _ => 0f,
    };

    private static float[] BuildTable()
    {
        var table = new float[128];
        for (var mask = 1; mask < table.Length; mask++)
        {
            var best = 0f;
            for (var bit = 1; bit < 128; bit <<= 1)
            {
                if ((mask & bit) != 0)
                {
                    best = Math.Max(best, Single((CatalogueField)bit));
                }
            }
            const int bothNames = (int)(CatalogueField.SubcategoryName | CatalogueField.ServiceName);
            // A word in both the subcategory and its service ("Réinitialisation de mot de passe" in
            // "Comptes et mots de passe") is a stronger hint than the service alone.
            table[mask] = best + ((mask & bothNames) == bothNames ? 0.5f : 0f);
        }
        return table;
    }
}

/// <summary>How a query word met an index term; each kind scales the field weight.</summary>
public static class MatchFactors
{
    /// <summary>Same stem.</summary>
    public const float Exact = 1f;
    /// <summary>A synonym's exact stem (slightly below the user's own word).</summary>
    public const float Synonym = 0.95f;
    /// <summary>The last word typed is the start of the term (<c>web</c> → <c>webmail</c>).</summary>
    public const float Prefix = 0.8f;
    /// <summary>The word minus its ending starts the term (<c>installer</c> → <c>installation</c>).</summary>
    public const float Truncated = 0.7f;
    /// <summary>One edit away (<c>webmial</c>).</summary>
    public const float FuzzyOne = 0.65f;
    /// <summary>Two edits away (long words only).</summary>
    public const float FuzzyTwo = 0.5f;
}
