namespace Amigo.Connector.Host.Check;

/// <summary>
/// The largest sync read iTop serves within the timeout: <c>core/get UserRequest</c> with the sync's field list and
/// <c>limit</c> = <c>Amigo:Sync:IdWindow</c> (as many tickets as a full window holds at most), halved like the sync halves
/// a window when iTop fails (HTTP 500 of a PHP memory limit, HTML, timeout), down to <c>MinIdWindow</c>. Read-only; the
/// client does not retry here, so each size costs one call.
/// </summary>
internal static class WindowProbe
{
    public static async Task<CheckLine> RunAsync(string academy, IITopClient itop, IReadOnlyList<string> fields, int width, int floor, TimeSpan timeout, CancellationToken cancellationToken)
    {
        const string name = "largest sync window";
        string? firstFailure = null;
        var tried = width;
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var served = 0;
                await foreach (var page in itop.StreamPagesAsync(new ITopGetRequest("UserRequest", ITopKey.Query(Oql.Select("UserRequest").Build()), fields, Limit: tried, Page: 1), cancellationToken))
                {
                    served += page.Count;
                    page.Recycle();
                }

                var elapsed = Stopwatch.GetElapsedTime(started);
                var what = $"{served:N0} tickets ({fields.Count} fields, limit {tried:N0}) served in {elapsed.TotalSeconds:0.0} s (timeout {timeout.TotalSeconds:0} s)";
                if (firstFailure is not null)
                    return new CheckLine(academy, name, CheckOutcome.Warning, $"iTop could not serve {width:N0} ({firstFailure}); {what}",
                        $"the sync halves its windows by itself; to avoid paying the failures, raise PHP's memory_limit on iTop or set Amigo:Sync:IdWindow={tried}");
                return elapsed > timeout / 2
                    ? new CheckLine(academy, name, CheckOutcome.Warning, what, $"iTop is slow: set Amigo:Sync:IdWindow={Math.Max(floor, tried / 2)} or raise ITop:Timeout")
                    : new CheckLine(academy, name, CheckOutcome.Passed, what);
            }
            catch (ITopTransportException error) when (error.IsTransient)
            {
                firstFailure ??= error.Message;
                if (tried <= floor)
                    return new CheckLine(academy, name, CheckOutcome.Failed, $"iTop cannot serve even {tried:N0} tickets: {error.Message}",
                        "look at iTop's PHP error log (memory_limit, max_execution_time) and the web server's timeouts");
                tried = Math.Max(floor, tried / 2);
            }
        }
    }
}
