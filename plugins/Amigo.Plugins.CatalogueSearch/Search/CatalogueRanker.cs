namespace Amigo.Plugins.CatalogueSearch.Search;

/// <summary>
/// Orders scored rows: score (rounded, so equal matches tie exactly), then usage in the academy's tickets, then
/// the document order (domain, group, family, service, subcategory, id). Only the requested page is sorted.
/// </summary>
public static class CatalogueRanker
{
    private const int DocBits = 22;
    private const int UsageBits = 20;
    private const long MaxUsage = (1L << UsageBits) - 1;
    private const long MaxDoc = (1L << DocBits) - 1;

    /// <summary>Scores and ranks <paramref name="query"/>; returns the total and the hits of the page.</summary>
    public static (int Total, IReadOnlyList<CatalogueSearchHit> Hits) Search(
        AcademyCatalogue catalogue, ParsedQuery query, bool[]? allowed, double minRelativeScore, int page, int pageSize)
    {
        if (query.IsEmpty)
        {
            return (0, []);
        }
        using var scored = catalogue.Index.Score(query, allowed);
        var docs = scored.Docs;
        if (docs.Count == 0)
        {
            return (0, []);
        }
        var best = 0f;
        foreach (var doc in docs)
        {
            best = Math.Max(best, scored.ScoreOf(doc));
        }
        var threshold = (float)(best * minRelativeScore);
        var keys = scored.KeyBuffer;
        var count = 0;
        foreach (var doc in docs)
        {
            var score = scored.ScoreOf(doc);
            if (score >= threshold)
            {
                keys[count++] = KeyOf(score, catalogue.Usage[doc], doc);
            }
        }
        var skip = (long)(page - 1) * pageSize;
        if (skip >= count)
        {
            return (count, []);
        }
        var top = TopKeys(keys.AsSpan(0, count), (int)Math.Min(count, skip + pageSize));
        var hits = new List<CatalogueSearchHit>(pageSize);
        for (var i = (int)skip; i < top.Length; i++)
        {
            var doc = (int)(MaxDoc - (top[i] & MaxDoc));
            var row = catalogue.Index.RowOf(doc);
            hits.Add(new CatalogueSearchHit(
                i + 1,
                Math.Round(scored.ScoreOf(doc), 3),
                row.DomainName,
                row.FamilyGroupName,
                row.FamilyName,
                row.ServiceName,
                row.SubcategoryName,
                row.ServiceId,
                row.SubcategoryId,
                row.RequestType,
                row.FamilyId,
                catalogue.Usage[doc]));
        }
        return (count, hits);
    }

    private const long MaxScore = (1L << (63 - UsageBits - DocBits)) - 1;

    // One 63-bit key per row sorts by score, usage and document order at once: [score × 1000 (21 bits) | usage (20) | ~doc (22)].
    private static long KeyOf(float score, int usage, int doc) =>
        (Math.Min((long)MathF.Round(score * 1000f), MaxScore) << (UsageBits + DocBits))
        | (Math.Clamp(usage, 0, MaxUsage) << DocBits)
        | (MaxDoc - doc);

    private static long[] TopKeys(Span<long> keys, int k)
    {
        if (keys.Length <= 4 * k)
        {
            keys.Sort();
            keys.Reverse();
            return keys[..k].ToArray();
        }
        var heap = new PriorityQueue<long, long>(k);
        foreach (var key in keys)
        {
            if (heap.Count < k)
            {
                heap.Enqueue(key, key);
            }
            else if (key > heap.Peek())
            {
                heap.DequeueEnqueue(key, key);
            }
        }
        var top = new long[heap.Count];
        for (var i = top.Length - 1; i >= 0; i--)
        {
            top[i] = heap.Dequeue();
        }
        return top;
    }
}
