using Microsoft.Playwright;

namespace Amigo.Plugins.ArenaSso.Tests.EndToEnd;

/// <summary>
/// What the lab's Chromium tests share: ARENA's headers for a person, the artifacts folder of a run
/// ($AMIGO_TEST_RESULTS/{name}, artifacts/screenshots/{name} otherwise) and its screenshots, and polling iTop's database.
/// </summary>
internal sealed class LabBrowserRun
{
    private readonly ITestOutputHelper _output;

    public LabBrowserRun(string name, ITestOutputHelper output)
    {
        _output = output;
        Folder = Path.Combine(
            Environment.GetEnvironmentVariable("AMIGO_TEST_RESULTS") is { Length: > 0 } results ? results : Path.Combine(ITopLab.RepositoryRoot, "artifacts", "screenshots"),
            name);
        Directory.CreateDirectory(Folder);
    }

    /// <summary>Where this run's screenshots, page dumps and request log go.</summary>
    public string Folder { get; }

    /// <summary>The headers ARENA's proxy sends for a person (the lab's trusted secret included).</summary>
    public static Dictionary<string, string> ArenaIdentity(string login, string email, string lastName, string firstName) => new()
    {
        ["ct-remote-user"] = login,
        ["ctemail"] = email,
        ["ctln"] = lastName,
        ["ctfn"] = firstName,
        ["FrEduRne"] = "X",
        ["FrEduRneResp"] = "X",
        ["FrEduFonctAdm"] = "ENS",
        ["X-Amigo-Arena-Secret"] = ArenaScenario.Secret,
    };

    /// <summary>Polls <paramref name="condition"/> every half second until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        while (!await condition() && DateTime.UtcNow < end) await Task.Delay(500);
    }

    /// <summary>
    /// Keeps a screenshot as an artifact. A page still navigating (after « Valider » the portal opens the new request) can
    /// hold a screenshot past its timeout on a loaded machine: it is tried again, and an artifact that cannot be taken is
    /// logged, not a failure — the assertions are what the tests check.
    /// </summary>
    public async Task ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(Folder, name + ".png");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                await page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = 30_000 });
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 30_000 });
                _output.WriteLine("screenshot: " + path);
                return;
            }
            catch (TimeoutException error)
            {
                _output.WriteLine($"screenshot {name}: attempt {attempt} of 3 timed out ({error.Message.Split('\n')[0]})");
            }
        }
    }

    /// <summary>On a failure: a screenshot and the page's HTML.</summary>
    public async Task KeepFailureAsync(IPage page)
    {
        await ShotAsync(page, "failure");
        await File.WriteAllTextAsync(Path.Combine(Folder, "failure.html"), await page.ContentAsync());
    }

    /// <summary>Every request the browser made, one per line.</summary>
    public Task KeepRequestsAsync(IEnumerable<string> requests) => File.WriteAllLinesAsync(RequestLog, requests);

    /// <summary>The file <see cref="KeepRequestsAsync"/> writes.</summary>
    public string RequestLog => Path.Combine(Folder, "browser-requests.txt");
}
