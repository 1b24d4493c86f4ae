namespace Amigo.Plugins.CatalogueSearch.Indexing;

/// <summary>
/// Everything a search of one academy needs, as one immutable snapshot: the text index, the offers scope, the usage
/// counts and what they were built from. A refresh builds a new snapshot and swaps it in.
/// </summary>
public sealed class AcademyCatalogue
{
    private readonly ConcurrentDictionary<(long OrgId, string Statuses), bool[]> _allowed = new();

    /// <summary>Assembles a snapshot.</summary>
    public AcademyCatalogue(
        string academyId,
        CatalogueIndex index,
        CatalogueScope scope,
        IReadOnlyDictionary<long, int> usageBySubcategory,
        CatalogueFingerprint? fingerprint,
        string analyzerSignature,
        DateTimeOffset builtAt)
    {
        (AcademyId, Index, Scope, UsageBySubcategory, Fingerprint, AnalyzerSignature, BuiltAt) =
            (academyId, index, scope, usageBySubcategory, fingerprint, analyzerSignature, builtAt);
        Usage = new int[index.Count];
        for (var doc = 0; doc < index.Count; doc++)
        {
            Usage[doc] = usageBySubcategory.GetValueOrDefault(index.RowOf(doc).SubcategoryId);
        }
    }

    /// <summary>Academy id.</summary>
    public string AcademyId { get; }

    /// <summary>The text index.</summary>
    public CatalogueIndex Index { get; }

    /// <summary>Offers and organizations.</summary>
    public CatalogueScope Scope { get; }

    /// <summary>Tickets per subcategory id.</summary>
    public IReadOnlyDictionary<long, int> UsageBySubcategory { get; }

    /// <summary>Tickets per document.</summary>
    public int[] Usage { get; }

    /// <summary>What the snapshot was built from (null for snapshots built from memory).</summary>
    public CatalogueFingerprint? Fingerprint { get; }

    /// <summary>Signature of the analyzer the index was built with.</summary>
    public string AnalyzerSignature { get; }

    /// <summary>When the snapshot was built.</summary>
    public DateTimeOffset BuiltAt { get; }

    /// <summary>
    /// The documents an organization may see (its offers, with a visible status); every visible document when
    /// <paramref name="orgId"/> is null. Cached per organization for the life of the snapshot.
    /// </summary>
    public bool[] AllowedDocs(long? orgId, IReadOnlySet<string> visibleStatuses, string visibleStatusesKey) =>
        _allowed.GetOrAdd((orgId ?? -1, visibleStatusesKey), key =>
        {
            var services = orgId is { } id ? Scope.ServicesOf(id) : null;
            var allowed = new bool[Index.Count];
            for (var doc = 0; doc < allowed.Length; doc++)
            {
                var row = Index.RowOf(doc);
                allowed[doc] = (services is null || services.Contains(row.ServiceId))
                    && IsVisible(row.ServiceStatus, visibleStatuses)
                    && IsVisible(row.SubcategoryStatus, visibleStatuses);
            }
            return allowed;
        });

    /// <summary>
    /// The documents any of <paramref name="orgIds"/> may see (a person belonging to several establishments gets the
    /// offers of each, and of their parents when inherited); none when the set is empty, never the whole catalogue.
    /// </summary>
    public bool[] AllowedDocs(IReadOnlyCollection<long> orgIds, IReadOnlySet<string> visibleStatuses, string visibleStatusesKey)
    {
        var union = new bool[Index.Count];
        foreach (var orgId in orgIds.Distinct())
        {
            var allowed = AllowedDocs(orgId, visibleStatuses, visibleStatusesKey);
            for (var doc = 0; doc < union.Length; doc++)
            {
                union[doc] |= allowed[doc];
            }
        }
        return union;
    }

    private static bool IsVisible(string? status, IReadOnlySet<string> visibleStatuses) =>
        string.IsNullOrEmpty(status) || visibleStatuses.Contains(status);
}
