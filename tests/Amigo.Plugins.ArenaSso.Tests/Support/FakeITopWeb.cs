namespace Amigo.Plugins.ArenaSso.Tests.Support;

/// <summary>
/// iTop's web server as the bridge sees it, on real Kestrel (127.0.0.1, random port), with iTop's external-login rule:
/// the session cookie <c>itop-…</c> decides who the user is; only a request without a known session is signed in from
/// <c>X-Remote-User</c> (a new session, its cookie set with <c>path=/</c>). Paths ending in <c>.css</c> are static files
/// (no session, no cookie, like <c>php -S</c>); <c>…/redirect</c> answers a <c>Location</c> on its own origin. Every
/// request is recorded with its header names exactly as received.
/// </summary>
internal sealed class FakeITopWeb : IAsyncDisposable
{
    public const string SessionCookie = "itop-0123456789abcdef0123456789abcdef";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _sessions = new();
    private int _nextSession;

    private FakeITopWeb(WebApplication app) => _app = app;

    public ConcurrentQueue<Seen> Requests { get; } = new();

    /// <summary>Paths the bridge's deployment probe asked for (kept apart from the browser's requests).</summary>
    public ConcurrentQueue<string> Probes { get; } = new();

    public string Url => _app.Urls.First().TrimEnd('/') + "/";

    public static async Task<FakeITopWeb> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeITopWeb(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => (h.Key, v ?? ""))).ToList();
        string? user = null;
        if (!request.Path.Value!.EndsWith(".css", StringComparison.Ordinal))
        {
            if (request.Cookies[SessionCookie] is { } id && _sessions.TryGetValue(id, out var known)) user = known;
            else if (request.Headers["X-Remote-User"].ToString() is { Length: > 0 } remote)
            {
                user = remote;
                var session = "s" + Interlocked.Increment(ref _nextSession);
                _sessions[session] = user;
                context.Response.Headers.Append("Set-Cookie", $"{SessionCookie}={session}; path=/; HttpOnly");
            }
        }
        if (request.Headers.UserAgent == ArenaPortalProbe.UserAgent) Probes.Enqueue(request.Path.Value!);
        else Requests.Enqueue(new Seen(request.Method, request.Path.Value!, request.QueryString.Value ?? "", request.Host.Value ?? "", headers, user));
        if (request.Path.Value!.EndsWith("/redirect", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = $"{Url}api/academies/toulouse/arena/portal/pages/UI.php?x=1";
            return;
        }
        await context.Response.WriteAsync("user=" + (user ?? "-"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>One request as iTop received it, and whom iTop took the user for.</summary>
    public sealed record Seen(string Method, string Path, string Query, string Host, IReadOnlyList<(string Name, string Value)> Headers, string? User)
    {
        /// <summary>Values of every header PHP would expose under the same <c>HTTP_…</c> name as <paramref name="name"/>.</summary>
        public IReadOnlyList<string> AsPhpSees(string name) =>
            Headers.Where(h => Php(h.Name) == Php(name)).Select(h => h.Value).ToList();

        public IReadOnlyList<string> Cookies =>
            Headers.Where(h => h.Name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
                .SelectMany(h => h.Value.Split(';')).Select(c => c.Trim().Split('=')[0]).ToList();

        private static string Php(string name) => name.Replace('-', '_').ToUpperInvariant();
    }
}
