namespace Amigo.Plugins.Reporting.Tests.Support;

/// <summary>
/// Debian's headless chromium in a throw-away profile, driven by Playwright, set up as an academy's agent would see the
/// dashboard: French locale, Paris time, a desktop viewport, optionally an API key on every request.
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly string _profile;
    private readonly IBrowserContext _context;

    private DashboardBrowser(IPlaywright playwright, string profile, IBrowserContext context) =>
        (_playwright, _profile, _context) = (playwright, profile, context);

    /// <summary>Starts the browser (installing chromium with apt-get when missing).</summary>
    /// <param name="apiKey">Sent as <c>X-Api-Key</c> on every request; null for none.</param>
    public static async Task<DashboardBrowser> LaunchAsync(string? apiKey = null)
    {
        await Chromium.EnsureInstalledAsync();
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("amigo-reporting-chromium-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Flags,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            ExtraHTTPHeaders = apiKey is null ? null : new Dictionary<string, string> { ["X-Api-Key"] = apiKey },
        });
        return new DashboardBrowser(playwright, profile, context);
    }

    /// <summary>A new tab.</summary>
    public Task<IPage> NewPageAsync() => _context.NewPageAsync();

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        _playwright.Dispose();
        Directory.Delete(_profile, recursive: true);
    }
}
