namespace Amigo.Connector.ITop;

/// <summary>Reading helpers built on <see cref="IITopClient"/>.</summary>
public static class ITopClientExtensions
{
    /// <summary>
    /// Reads every object of <paramref name="className"/> matching <paramref name="conditions"/> in key-set windows
    /// <c>id &gt; X AND id &lt;= X + windowSize</c>, each streamed. Unlike page numbers (iTop's order drifts while tickets are
    /// created, and OQL cannot sort), id windows neither skip nor repeat an object that exists when the read starts, even
    /// when objects are created or updated meanwhile. Objects created during the read show up only if their window is read
    /// after their creation (the next incremental sync catches the others).
    /// </summary>
    /// <param name="client">The instance.</param>
    /// <param name="className">iTop class.</param>
    /// <param name="conditions">Extra conditions (AND), e.g. <c>q =&gt; q.Where("status", "!=", "closed")</c>; null for all.</param>
    /// <param name="outputFields">Fields to read.</param>
    /// <param name="windowSize">Width of an id window (not a count of objects).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static IAsyncEnumerable<ITopObject> StreamByIdWindowsAsync(
        this IITopClient client,
        string className,
        Action<OqlBuilder>? conditions,
        IReadOnlyList<string> outputFields,
        long windowSize = 10_000,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return ByIdWindowsAsync(client, className, conditions, outputFields, windowSize, request => client.StreamAsync(request, cancellationToken), _ => 1, cancellationToken);
    }

    /// <summary>
    /// <see cref="StreamByIdWindowsAsync"/> read as pages of UTF-8 field values (<see cref="IITopClient.StreamPagesAsync"/>),
    /// for bulk consumers.
    /// </summary>
    public static IAsyncEnumerable<ITopAnswerPage> StreamPagesByIdWindowsAsync(
        this IITopClient client,
        string className,
        Action<OqlBuilder>? conditions,
        IReadOnlyList<string> outputFields,
        long windowSize = 10_000,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return ByIdWindowsAsync(client, className, conditions, outputFields, windowSize, request => client.StreamPagesAsync(request, cancellationToken), page => page.Count, cancellationToken);
    }

    private static async IAsyncEnumerable<T> ByIdWindowsAsync<T>(
        IITopClient client, string className, Action<OqlBuilder>? conditions, IReadOnlyList<string> outputFields, long windowSize,
        Func<ITopGetRequest, IAsyncEnumerable<T>> read, Func<T, int> objectsIn,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        long lower = 0;
        while (true)
        {
            var upper = lower + windowSize;
            var window = Query(className, conditions, q => q.Where("id", ">", lower).Where("id", "<=", upper));
            var seen = 0;
            await foreach (var item in read(new ITopGetRequest(className, ITopKey.Query(window), outputFields)).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                seen += objectsIn(item);
                yield return item;
            }
            if (seen == 0)
            {
                // An empty window may be a gap in the ids: ask whether anything lies beyond before stopping.
                var beyond = Query(className, conditions, q => q.Where("id", ">", upper));
                var probe = await client.GetAsync(new ITopGetRequest(className, ITopKey.Query(beyond), ["id"], Limit: 1, Page: 1), cancellationToken).ConfigureAwait(false);
                if (probe.TotalCount == 0) yield break;
            }
            lower = upper;
        }
    }

    /// <summary>Reads all objects of a class into typed records with <paramref name="map"/> (e.g. <c>Model.Team.FromObject</c>).</summary>
    public static async Task<IReadOnlyList<T>> GetAllAsync<T>(
        this IITopClient client, string className, IReadOnlyList<string> outputFields, Func<ITopObject, ITopTimeZone, T> map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(map);
        var result = new List<T>();
        await foreach (var item in client.StreamAsync(new ITopGetRequest(className, ITopKey.Query(Oql.Select(className).Build()), outputFields), cancellationToken).ConfigureAwait(false))
            result.Add(map(item, client.TimeZone));
        return result;
    }

    private static OqlQuery Query(string className, Action<OqlBuilder>? conditions, Action<OqlBuilder> window)
    {
        var builder = Oql.Select(className);
        conditions?.Invoke(builder);
        window(builder);
        return builder.Build();
    }
}
