namespace Amigo.Connector.Host.Cli;

/// <summary>
/// <c>amigo probe URL</c>: exit 0 when the URL answers 2xx within five seconds. The container health check uses it
/// because the runtime image has no curl; it runs before any configuration is read so it stays cheap.
/// </summary>
internal static class HealthProbe
{
    public static bool Matches(string[] args) => args.Length == 2 && args[0] == "probe" && !args[1].StartsWith('-');

    public static async Task<int> RunAsync(string url, TextWriter error)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            await error.WriteLineAsync($"probe: '{url}' is not an http(s) URL.");
            return ExitCodes.Failed;
        }
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(uri);
            if (response.IsSuccessStatusCode) return ExitCodes.Success;
            await error.WriteLineAsync($"probe: {uri} answered {(int)response.StatusCode}.");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"probe: {uri} did not answer: {exception.Message}");
        }
        return ExitCodes.Failed;
    }
}
