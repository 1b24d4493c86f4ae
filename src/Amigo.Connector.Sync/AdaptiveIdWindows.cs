using System.Runtime.CompilerServices;
using Amigo.Connector.ITop;
using Microsoft.Extensions.Logging;

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
/// </summary>
internal sealed class AdaptiveIdWindows(IITopClient client, string className, IReadOnlyList<string> fields, int width, int floor, ILogger logger, string academyId,
    Action<OqlBuilder>? conditions = null)
{
    private readonly int _floor = Math.Min(floor, width);

    /// <summary>The width in use: the start width, or the last one that iTop served after a split.</summary>
    public int Width { get; private set; } = width;

    /// <summary>How many times a window was halved.</summary>
    public int Splits { get; private set; }

    /// <summary>Every object of the class, as pages, window after window.</summary>
    public async IAsyncEnumerable<ITopAnswerPage> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long lower = 0;
        while (true)
        {
            var upper = lower + Width;
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
                    catch (ITopTransportException exception) when (seen == 0 && exception.IsTransient && Width > _floor)
                    {
                        var smaller = Math.Max(_floor, Width / 2);
                        logger.LogWarning("Academy {Academy}: iTop could not serve {Class} ids {Lower}-{Upper} ({Width} ids: {Error}); reading windows of {Smaller} ids",
                            academyId, className, lower + 1, upper, Width, exception.Message, smaller);
                        Width = smaller;
                        Splits++;
                        retry = true;
                        break;
                    }

                    seen += page.Count;
                    yield return page;
                }
            }

            if (retry) continue;
            if (seen == 0 && !await AnythingBeyondAsync(upper, cancellationToken)) yield break;
            lower = upper;
        }
    }

    private OqlQuery Query(Action<OqlBuilder> window)
    {
        var builder = Oql.Select(className);
        conditions?.Invoke(builder);
        window(builder);
        return builder.Build();
    }

    // An empty window may be a gap in the ids: ask whether anything lies beyond before stopping.
    private async Task<bool> AnythingBeyondAsync(long upper, CancellationToken cancellationToken)
    {
        var beyond = Query(q => q.Where("id", ">", upper));
        var probe = await client.GetAsync(new ITopGetRequest(className, ITopKey.Query(beyond), ["id"], Limit: 1, Page: 1), cancellationToken);
        return probe.TotalCount > 0;
    }
}
