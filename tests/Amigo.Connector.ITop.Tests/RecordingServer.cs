namespace Amigo.Connector.ITop.Tests;

/// <summary>A WireMock server loaded with the static mappings of mappings/ (one per recording, chosen by a request header).</summary>
public sealed class RecordingServer : IDisposable
{
    public const string Header = "X-Amigo-Recording";

    public RecordingServer()
    {
        Server = WireMockServer.Start();
        Server.ReadStaticMappings(ITopTestPaths.MappingsDirectory());
    }

    public WireMockServer Server { get; }

    /// <summary>A client whose requests are routed to <paramref name="recording"/>'s mapping.</summary>
    public ITopClient Client(string recording, Func<ITopClientOptions, ITopClientOptions>? configure = null)
    {
        var options = new ITopClientOptions
        {
            InstanceName = "recordings",
            Url = Server.Url!,
            User = "connector",
            Password = "secret",
            MaxRetryAttempts = 0,
            Timeout = TimeSpan.FromSeconds(10),
        };
        return new ITopClient(configure is null ? options : configure(options), new RecordingTagHandler(recording));
    }

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
    }

    private sealed class RecordingTagHandler(string recording) : DelegatingHandler(new SocketsHttpHandler { UseCookies = false })
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation(Header, recording);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
