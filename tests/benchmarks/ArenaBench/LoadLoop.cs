namespace ArenaBench;

/// <summary>The fallback load tool when wrk is not installed: bounded in time, loopback only.</summary>
internal static class LoadLoop
{
    public static async Task<(double Rps, double P50, double P99)> RunAsync(string url, string[] headers, TimeSpan duration, int connections)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = connections });
        var latencies = new List<double>[connections];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            while (watch.Elapsed < duration)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                foreach (var header in headers)
                {
                    var colon = header.IndexOf(':');
                    request.Headers.TryAddWithoutValidation(header[..colon], header[(colon + 1)..].Trim());
                }
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                if ((int)response.StatusCode >= 400) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode} under load.");
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (all.Length / watch.Elapsed.TotalSeconds, all[(int)(all.Length * 0.50)], all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))]);
    }
}
