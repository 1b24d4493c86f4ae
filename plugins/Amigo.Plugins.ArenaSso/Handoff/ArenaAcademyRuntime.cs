namespace Amigo.Plugins.ArenaSso.Handoff;

/// <summary>What the bridge prepares once per academy: settings, trust rules, the HTTP client to iTop's web application.</summary>
public sealed class ArenaAcademyRuntime : IDisposable
{
    internal ArenaAcademyRuntime(AcademyContext academy, ArenaSsoSettings settings)
    {
        Academy = academy;
        Settings = settings;
        Trust = new ProxyTrust(settings);
        Binding = new SessionBinding(settings.ResolveSharedSecret());
        ForwardedHeaders = new PortalRequestHeaders([.. settings.Headers.All, settings.SharedSecretHeader, settings.ITopTrustHeader]);
        if (settings.HandoffMode == ArenaHandoffMode.ReverseProxy && settings.ITopWebUrl is { } web)
        {
            ITopOrigin = new Uri(new Uri(web, UriKind.Absolute).GetLeftPart(UriPartial.Authority) + "/");
            ITopWebUrl = ITopOrigin.ToString();
            // YARP's recommended client settings: no proxy, no automatic redirects or decompression, no cookies
            // (the browser's cookies are forwarded as headers).
            HttpClient = new HttpMessageInvoker(new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                EnableMultipleHttp2Connections = true,
                ActivityHeadersPropagator = null,
                ConnectTimeout = TimeSpan.FromSeconds(15),
            });
        }
    }

    /// <summary>The academy.</summary>
    public AcademyContext Academy { get; }

    /// <summary>Its bridge settings.</summary>
    public ArenaSsoSettings Settings { get; }

    /// <summary>Its trust rules.</summary>
    public ProxyTrust Trust { get; }

    /// <summary>
    /// Where the bridge forwards (reverse-proxy mode): the origin of iTop's web server, ending with <c>/</c>. The request
    /// path is appended unchanged: iTop is served there under the bridge's own path.
    /// </summary>
    public string? ITopWebUrl { get; }

    /// <summary><see cref="ITopWebUrl"/> as a URI (for recognising iTop's own address in its answers).</summary>
    public Uri? ITopOrigin { get; }

    /// <summary>Ties iTop's session cookies to the ARENA identity they were made for.</summary>
    internal SessionBinding Binding { get; }

    /// <summary>Which request headers may reach iTop.</summary>
    internal PortalRequestHeaders ForwardedHeaders { get; }

    /// <summary>The client forwarding to iTop (reverse-proxy mode).</summary>
    public HttpMessageInvoker? HttpClient { get; }

    private int _probed;

    /// <summary>
    /// On the first portal request: checks in the background that iTop is served under the bridge's path
    /// (<see cref="ArenaPortalProbe"/>) and logs what is wrong with the fix, since every portal link fails otherwise.
    /// </summary>
    internal void ProbeOnce(string pathBase, ILogger logger)
    {
        if (HttpClient is null || Interlocked.Exchange(ref _probed, 1) == 1) return;
        _ = Task.Run(() => ProbeAndLogAsync(pathBase, logger));
    }

    /// <summary>Runs <see cref="ArenaPortalProbe"/> with this academy's client and logs the outcome.</summary>
    internal async Task ProbeAndLogAsync(string pathBase, ILogger logger)
    {
        var check = await ArenaPortalProbe.ProbeAsync(Academy, HttpClient, pathBase);
        if (check.Ok) logger.LogInformation("{Summary}", check.Summary);
        else logger.LogError("ARENA portal deployment problem: {Summary}. Fix: {Fix}", check.Summary, check.Fix);
    }

    /// <inheritdoc />
    public void Dispose() => HttpClient?.Dispose();
}

/// <summary>The runtime of every academy, built on first use and rebuilt when the academy's context is replaced.</summary>
public sealed class ArenaAcademyRuntimes : IDisposable
{
    private readonly ConcurrentDictionary<string, ArenaAcademyRuntime> _runtimes = new(StringComparer.Ordinal);

    /// <summary>The runtime of <paramref name="academy"/>.</summary>
    public ArenaAcademyRuntime For(AcademyContext academy)
    {
        if (_runtimes.TryGetValue(academy.Id, out var runtime) && ReferenceEquals(runtime.Academy, academy))
            return runtime;
        var fresh = new ArenaAcademyRuntime(academy, academy.GetPluginSettings<ArenaSsoSettings>(ArenaSsoPlugin.PluginId));
        _runtimes[academy.Id] = fresh;
        if (runtime is not null && !ReferenceEquals(runtime, fresh)) runtime.Dispose();
        return fresh;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var runtime in _runtimes.Values) runtime.Dispose();
        _runtimes.Clear();
    }
}
