namespace Amigo.Connector.Sync;

/// <summary>
/// Key-set id windows (<c>id &gt; X AND id &lt;= X + width</c>) whose width adapts to the iTop it meets: a window iTop
/// cannot serve — HTTP 5xx (PHP's "Allowed memory size … exhausted"), an HTML or empty body, no answer within the
/// timeout — after the client's own retries is halved and read again, down to <see cref="SyncOptions.MinIdWindow"/>.
/// The width that worked is kept for the following windows and reported through <see cref="Width"/>.
/// <para>
/// Nothing is skipped or read twice: a window is split only when it failed before delivering any object (iTop builds
/// its whole answer before echoing it, so a PHP fatal or a slow query never delivers part of one); the halves cover
/// exactly the failed window. A window that breaks off after delivering objects fails the read, as before: the sync
/// is re-run from its unchanged watermark.
/// </para>
/// <para>
/// Gaps in the ids (deleted tickets, imported ranges, the changed tickets of an incremental read) are jumped over
/// instead of walked window by window: after an empty window, counting calls (<c>limit</c> 1: iTop loads one object
/// and counts the others, <see cref="ITopGetResult.TotalCount"/>) over ranges that double find the next objects, and
/// a range found to hold at most <see cref="Width"/> objects is read as one window, however wide. A range counted
/// empty is not read; the windows still cover every id once, in order.
/// </para>
/// </summary>
internal sealed class AdaptiveIdWindows(IITopClient client, string className, IReadOnlyList<string> fields, int width, int floor, ILogger logger, string academyId,
    Action<OqlBuilder>? conditions = null)
{
    private readonly int _floor = Math.Min(floor, width);

    /// <summary>The width in use: the start width, or the last one that iTop served after a split.</summary>
    public int Width { get; private set; } = width;

    /// <summary>How many times a window was halved.</summary>
    public int Splits { get; private set; }

    /// <summary>How many counting calls looked for the objects beyond an empty window.</summary>
    public int Probes { get; private set; }

    /// <summary>Every object of the class, as pages, window after window.</summary>
    public async IAsyncEnumerable<ITopAnswerPage> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long lower = 0;
        long span = Width; // wider than Width only across a gap, when iTop counted at most Width objects in it
        while (true)
        {
            var upper = lower + span;
            var request = new ITopGetRequest(className, ITopKey.Query(Query(q => q.Where("id", ">", lower).Where("id", "<=", upper))), fields);
            var seen = 0;
            var retry = false;
            await using (var pages = client.StreamPagesAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken))
            {
                while (true)
                {
                    ITopAnswerPage page;
                    try
                    {
                        if (!await pages.MoveNextAsync()) break;
                        page = pages.Current;
                    }
                    catch (ITopTransportException exception) when (seen == 0 && exception.IsTransient && (span > Width || Width > _floor))
                    {
                        // A wide window across a gap is read again at the usual width; a usual one is halved.
                        var smaller = span > Width ? Width : Math.Max(_floor, Width / 2);
                        logger.LogWarning("Academy {Academy}: iTop could not serve {Class} ids {Lower}-{Upper} ({Span} ids: {Error}); reading windows of {Smaller} ids",
                            academyId, className, lower + 1, upper, span, exception.Message, smaller);
                        if (span <= Width)
                        {
                            Width = smaller;
                            Splits++;
                        }

                        span = smaller;
                        retry = true;
                        break;
                    }

                    seen += page.Count;
                    yield return page;
                }
            }

            if (retry) continue;
            lower = upper;
            span = Width;
            if (seen == 0)
            {
                if (await NextWindowAsync(lower, cancellationToken) is not { } next) yield break;
                (lower, span) = next;
            }
        }
    }

    /// <summary>
    /// After an empty window ending at <paramref name="lower"/>: null when no object lies beyond, else the next window
    /// to read, starting at or after <paramref name="lower"/> (every range skipped was counted empty) and holding
    /// objects, at most <see cref="Width"/> of them unless it is <see cref="Width"/> wide.
    /// </summary>
    private async Task<(long Lower, long Span)?> NextWindowAsync(long lower, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (beyond, some) = await CountAsync(lower, null, cancellationToken);
            if (beyond == 0) return null;

            // `some` exists beyond `lower`, so the next object is at most there: no range needs to reach further.
            var span = Math.Min(2L * Width, some - lower);
            var narrowing = false;
            while (lower < some)
            {
                var (count, _) = await CountAsync(lower, lower + span, cancellationToken);
                if (count == 0)
                {
                    lower += span;
                    if (!narrowing) span *= 2; // still crossing the gap: take longer strides
                    span = Math.Min(span, some - lower);
                    continue;
                }

                if (count <= Width || span <= Width) return (lower, span);
                narrowing = true; // too many for one answer: halve until the range holds at most Width objects
                span = Math.Max(Width, span / 2);
            }

            // `some` was deleted meanwhile and nothing came before it: ask again what lies beyond.
        }
    }

    // One counting call: how many objects in (lower, upper] (or beyond lower), and the id of one of them.
    private async Task<(int Count, long Some)> CountAsync(long lower, long? upper, CancellationToken cancellationToken)
    {
        var query = Query(q =>
        {
            q.Where("id", ">", lower);
            if (upper is { } bound) q.Where("id", "<=", bound);
        });
        Probes++;
        var probe = await client.GetAsync(new ITopGetRequest(className, ITopKey.Query(query), ["id"], Limit: 1, Page: 1), cancellationToken);
        return probe.Objects.Count == 0 ? (0, 0) : (probe.TotalCount, probe.Objects[0].Key);
    }

    private OqlQuery Query(Action<OqlBuilder> window)
    {
        var builder = Oql.Select(className);
        conditions?.Invoke(builder);
        window(builder);
        return builder.Build();
    }
}
