namespace Amigo.Connector.Host.Tests;

/// <summary><c>amigo probe URL</c>, the container health check: 0 only for a 2xx answer.</summary>
public sealed class HealthProbeTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    [Fact]
    public async Task Healthy_unhealthy_and_unreachable_urls_give_distinct_outcomes()
    {
        _server.Given(Request.Create().WithPath("/health")).RespondWith(Response.Create().WithStatusCode(200));
        _server.Given(Request.Create().WithPath("/sick")).RespondWith(Response.Create().WithStatusCode(503));
        var error = new StringWriter();

        Assert.Equal(ExitCodes.Success, await HealthProbe.RunAsync(_server.Url + "/health", error));
        Assert.Equal(ExitCodes.Failed, await HealthProbe.RunAsync(_server.Url + "/sick", error));
        Assert.Equal(ExitCodes.Failed, await HealthProbe.RunAsync("ftp://example/health", error));
        Assert.Contains("answered 503", error.ToString());
        Assert.Contains("is not an http(s) URL", error.ToString());
    }

    [Fact]
    public void Only_the_two_word_form_is_a_probe()
    {
        Assert.True(HealthProbe.Matches(["probe", "http://x"]));
        Assert.False(HealthProbe.Matches(["probe"]));
        Assert.False(HealthProbe.Matches(["serve", "http://x"]));
    }

    public void Dispose() => _server.Stop();
}
