using System.Collections.Concurrent;
using System.Net;
using Amigo.Connector.Contracts.Academies;
using Amigo.Plugins.ArenaSso.Settings;
using Amigo.Plugins.ArenaSso.Trust;

namespace Amigo.Plugins.ArenaSso.Handoff;

/// <summary>What the bridge prepares once per academy: settings, trust rules, the HTTP client to iTop's web application.</summary>
public sealed class ArenaAcademyRuntime : IDisposable
{
    internal ArenaAcademyRuntime(AcademyContext academy, ArenaSsoSettings settings)
    {
        Academy = academy;
        Settings = settings;
        Trust = new ProxyTrust(settings);
        if (settings.HandoffMode == ArenaHandoffMode.ReverseProxy && settings.ITopWebUrl is { } web)
        {
            ITopWebUrl = web.EndsWith('/') ? web : web + "/";
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

    /// <summary>iTop's web application base URL, ending with <c>/</c> (reverse-proxy mode).</summary>
    public string? ITopWebUrl { get; }

    /// <summary>The client forwarding to iTop (reverse-proxy mode).</summary>
    public HttpMessageInvoker? HttpClient { get; }

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
