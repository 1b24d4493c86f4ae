using Microsoft.Playwright;

namespace Amigo.Plugins.ArenaSso.Tests.EndToEnd;

/// <summary>
/// The requester page's script (<c>page.js</c>, the file the plugin embeds) in Debian's chromium, without the lab: the
/// browser's requests are answered by routes. When the bridge answers a results fetch with something other than the
/// page's fragment — problem JSON after the ARENA session expired, a proxy's error page — the results region keeps
/// what it showed and the status line says the search did not succeed; the page's own fragment (200, or 400 for a
/// refused query) is swapped in.
/// </summary>
public sealed class CataloguePageScriptInChromiumTests
{
    private const string Origin = "http://catalogue.test";

    private const string PageHtml = """
        <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><script src="/p/page.js" defer></script></head><body>
        <form action="/p/" method="get" data-results="/p/results"><input id="q" name="q" type="search"><button type="submit">Rechercher</button></form>
        <p id="statut" role="status"></p><div id="resultats"><div class="contenu" data-summary=""><p class="message">Saisissez un mot clé.</p></div></div>
        </body></html>
        """;

    [Theory]
    [InlineData(401, "application/problem+json", """{"title":"ARENA session expired","status":401}""")]
    [InlineData(400, "application/problem+json", """{"title":"Invalid ARENA identity","status":400}""")]
    [InlineData(502, "application/problem+json", """{"title":"iTop provisioning failed","status":502}""")]
    [InlineData(502, "text/html", "<html><body>Bad gateway from the proxy</body></html>")]
    [InlineData(200, "application/json", """{"unexpected":"json"}""")]
    public async Task A_results_answer_that_is_not_the_pages_fragment_is_not_shown(int status, string contentType, string body)
    {
        var (statusLine, region) = await TypeAsync("webmail", status, contentType, body);
        Assert.Equal("La recherche n\u2019a pas abouti : réessayez.", statusLine);
        Assert.Contains("Saisissez un mot clé.", region);
        Assert.DoesNotContain(body, region);
    }

    [Theory]
    [InlineData(200, "3 résultats pour « webmail »", "<table><caption>Services</caption></table>")]
    [InlineData(400, "Recherche refusée.", "<p class=\"message erreur\">La recherche est trop longue.</p>")]
    public async Task The_pages_own_fragment_is_swapped_in(int status, string summary, string content)
    {
        var fragment = $"<div class=\"contenu\" data-summary=\"{summary}\">{content}</div>";
        var (statusLine, region) = await TypeAsync("webmail", status, "text/html; charset=utf-8", fragment);
        Assert.Equal(summary, statusLine);
        Assert.Contains(content, region);
    }

    /// <summary>Opens the page, types <paramref name="query"/>, answers the results fetch as given; the status line and the region after it.</summary>
    private static async Task<(string Status, string Region)> TypeAsync(string query, int status, string contentType, string body)
    {
        var script = await File.ReadAllTextAsync(Path.Combine(ITopLab.RepositoryRoot, "plugins", "Amigo.Plugins.CatalogueSearch", "Requester", "Assets", "page.js"));
        await Chromium.EnsureInstalledAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath, Headless = true, Args = Chromium.Flags,
        });
        var page = await browser.NewPageAsync();
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(Origin + "/**", async route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            if (path == "/p/page.js")
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/javascript; charset=utf-8", Body = script });
            }
            else if (path == "/p/results")
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = status, ContentType = contentType, Body = body });
                answered.TrySetResult();
            }
            else
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = PageHtml });
            }
        });
        await page.GotoAsync(Origin + "/p/");
        await page.Locator("#q").FillAsync(query);
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The script settles the region (aria-busy removed) once it has dealt with the answer.
        await Assertions.Expect(page.Locator("#resultats")).Not.ToHaveAttributeAsync("aria-busy", "true", new LocatorAssertionsToHaveAttributeOptions { Timeout = 15_000 });
        return (await page.Locator("#statut").InnerTextAsync(), await page.Locator("#resultats").InnerHTMLAsync());
    }
}
