namespace Amigo.Connector.Sync;

/// <summary>
/// The incremental read: one streamed <c>core/get … WHERE last_update &gt;= 'W'</c> (one call, a consistent snapshot).
/// When iTop cannot serve it — many tickets changed since the watermark (a mass update, a long outage) and PHP runs
/// out of memory, or the answer exceeds the timeout — and it failed before delivering any ticket, the same condition
/// is read again in adaptive id windows (<see cref="AdaptiveIdWindows"/>), as a full read would.
/// </summary>
internal static class IncrementalRead
{
    public static async IAsyncEnumerable<ITopAnswerPage> ReadAsync(IITopClient client, string className, string since, IReadOnlyList<string> fields,
        int width, int floor, ILogger logger, string academyId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ITopGetRequest(className, ITopKey.Query(Oql.Select(className).Where("last_update", ">=", since).Build()), fields);
        var delivered = false;
        var fallBack = false;
        await using (var pages = client.StreamPagesAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            while (true)
            {
                try
                {
                    if (!await pages.MoveNextAsync()) break;
                }
                catch (ITopTransportException exception) when (!delivered && exception.IsTransient)
                {
                    logger.LogWarning("Academy {Academy}: iTop could not serve the {Class} changed since {Since} in one answer ({Error}); reading them in id windows of {Width}",
                        academyId, className, since, exception.Message, width);
                    fallBack = true;
                    break;
                }

                delivered = true;
                yield return pages.Current;
            }
        }

        if (!fallBack) yield break;
        var windows = new AdaptiveIdWindows(client, className, fields, width, floor, logger, academyId, q => q.Where("last_update", ">=", since));
        await foreach (var page in windows.ReadAsync(cancellationToken))
            yield return page;
    }
}
