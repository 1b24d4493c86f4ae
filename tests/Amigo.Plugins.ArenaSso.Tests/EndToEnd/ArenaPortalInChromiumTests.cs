using Microsoft.Playwright;

namespace Amigo.Plugins.ArenaSso.Tests.EndToEnd;

/// <summary>
/// Done-when of issue #20, against the real iTop 3.2 lab: Debian's chromium arrives through the bridge (the real
/// connector host on Kestrel) with ARENA's headers, uses the enhanced portal (home, « Nouvelle demande », a
/// subcategory, the creation form), and the UserRequest is in iTop's database with that person as caller; no request of
/// the browser goes to iTop's own addresses; a second identity in the same browser lands as the second person.
/// Screenshots go to $AMIGO_TEST_RESULTS/arena-chromium (artifacts/screenshots/arena otherwise).
/// </summary>
[Collection(ArenaLabCollection.Name)]
public sealed class ArenaPortalInChromiumTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const string Academy = "toulouse";

    private static Dictionary<string, string> Identity(string login, string email, string lastName, string firstName)
    {
        var headers = LabBrowserRun.ArenaIdentity(login, email, lastName, firstName);
        // Copies of iTop's trust header in spellings PHP folds together: the bridge must drop every one.
        headers["X_Remote_User"] = "admin";
        headers["Remote-User"] = "admin";
        headers["X-Remote-User"] = "admin";
        return headers;
    }

    [ITopLabFact]
    public async Task Staff_use_the_real_iTop_portal_through_the_bridge_as_themselves_and_only_themselves()
    {
        var run = new LabBrowserRun("arena-chromium", output);
        var lab = await ITopLab.StartArenaWebRootAsync();
        var bridge = new Uri(lab["AMIGO_ARENA_LAB_BRIDGE_URL"]);
        var itopWeb = new Uri(lab["AMIGO_ARENA_LAB_ITOP_WEB_URL"]);
        var itopRest = new Uri(ITopLab.Get("AMIGO_ITOP_URL"));
        await using var host = await StartBridgeAsync(bridge, itopWeb);

        // The deployment check amigo check runs: iTop answers under the bridge's path and links back through it.
        var academy = host.Services.GetRequiredService<IAcademyRegistry>().Find(Academy)!;
        var check = await ArenaPortalProbe.ProbeAsync(academy);
        output.WriteLine((check.Ok ? "✓ " : "✗ ") + check.Summary + (check.Fix is null ? "" : " — " + check.Fix));
        Assert.True(check.Ok, check.Summary + " " + check.Fix);

        await Chromium.EnsureInstalledAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath, Headless = true, Args = Chromium.Flags,
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            ExtraHTTPHeaders = Identity("claire.lambert-e2e", "claire.lambert-e2e@ac-toulouse.fr", "Lambert", "Claire"),
        });
        // ARENA's proxy session cookie, as ClearTrust sets it on the portal's domain.
        await context.AddCookiesAsync([new Cookie { Name = "CTSESSION", Value = "e2e-session", Domain = bridge.Host, Path = "/" }]);
        var requests = new ConcurrentQueue<string>();
        context.Request += (_, request) => requests.Enqueue(request.Url);
        var page = await context.NewPageAsync();

        try
        {
            // 1. ARENA's entry point → the portal home, signed in as Claire.
            await page.GotoAsync(new Uri(bridge, $"/api/academies/{Academy}/arena/login").ToString());
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await run.ShotAsync(page, "1-home-claire");
            Assert.StartsWith(new Uri(bridge, ArenaPortalProbe.PortalPath(Academy)).ToString(), page.Url);
            await Expect(page.Locator("body")).ToContainTextAsync("Claire Lambert");

            // 2. « Nouvelle demande » → the services list.
            await page.Locator("a[href*='/browse/services']:visible", new PageLocatorOptions { HasTextString = "Nouvelle demande" }).First.ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            // The services brick lists family / service / subcategory; a subcategory opens iTop's creation form.
            var subcategory = page.Locator("#brick-content-table a[data-level-alias='L-1-1-1']", new PageLocatorOptions { HasTextString = "Réinitialisation de mot de passe" }).First;
            await subcategory.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            await run.ShotAsync(page, "2-services");

            // 3. A subcategory → iTop's creation form (a modal), filled and submitted.
            var subcategoryId = await subcategory.GetAttributeAsync("data-item-id") ?? "?";
            await subcategory.ClickAsync();
            var title = page.Locator("[data-field-id='title'] input:visible").First;
            await title.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            var ticketTitle = $"Vidéoprojecteur en panne salle B12 (e2e {Guid.NewGuid().ToString("N")[..8]})";
            await title.FillAsync(ticketTitle);
            var description = page.Locator("[data-field-id='description'] [contenteditable='true']:visible, [data-field-id='description'] textarea:visible").First;
            await description.ClickAsync();
            await page.Keyboard.TypeAsync("Le vidéoprojecteur de la salle B12 ne s'allume plus depuis ce matin.");
            await run.ShotAsync(page, "3-form");
            await page.Locator("button.form_btn_submit:visible, button[type='submit']:visible").First.ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await LabBrowserRun.WaitForAsync(async () => (await CallerOfAsync(ticketTitle)) is not null, TimeSpan.FromSeconds(30));
            await run.ShotAsync(page, "4-submitted");

            // 4. The UserRequest in iTop's database, with Claire as caller.
            var caller = await CallerOfAsync(ticketTitle);
            Assert.Equal(("Claire", "Lambert", "claire.lambert-e2e@ac-toulouse.fr", subcategoryId), caller);
            output.WriteLine($"UserRequest '{ticketTitle}' (subcategory {subcategoryId}) created with caller {caller}");

            // 5. Another ARENA identity in the same browser: Paul, not Claire (iTop's session is not reused).
            await context.SetExtraHTTPHeadersAsync(Identity("paul.girard-e2e", "paul.girard-e2e@ac-toulouse.fr", "Girard", "Paul"));
            await page.GotoAsync(new Uri(bridge, $"/api/academies/{Academy}/arena/login").ToString());
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await run.ShotAsync(page, "5-home-paul");
            await Expect(page.Locator("body")).ToContainTextAsync("Paul Girard");
            await Expect(page.Locator("body")).Not.ToContainTextAsync("Claire Lambert");

            // 6. What a browser cannot send: the trust header twice and in PHP's spelling, without any iTop session.
            var paul = Identity("paul.girard-e2e", "paul.girard-e2e@ac-toulouse.fr", "Girard", "Paul")
                .Where(h => h.Key is not ("X_Remote_User" or "Remote-User" or "X-Remote-User")).Select(h => (h.Key, h.Value))
                .Concat([("x-remote-user", "admin"), ("x-remote-user", "admin"), ("X_Remote_User", "admin"), ("Remote-User", "admin"), ("Cookie", "CTSESSION=e2e-raw")]);
            var (status, home) = await RawHttp.GetAsync(bridge, ArenaPortalProbe.PortalPath(Academy) + "pages/exec.php?exec_module=itop-portal-base&exec_page=index.php&portal_id=itop-portal",
                paul, System.Text.Encoding.UTF8);
            Assert.Equal(200, status);
            Assert.Contains("Paul Girard", home);
        }
        catch
        {
            await run.KeepFailureAsync(page);
            throw;
        }
        finally
        {
            await run.KeepRequestsAsync(requests);
        }

        // 7. Every request of the browser went to the bridge; none to iTop's own addresses.
        var http = requests.Select(u => new Uri(u)).Where(u => u.Scheme is "http" or "https").ToList();
        output.WriteLine($"{http.Count} browser requests, all listed in {run.RequestLog}");
        Assert.True(http.Count > 20, "the portal made only " + http.Count + " requests");
        Assert.DoesNotContain(http, u => u.Authority == itopWeb.Authority || u.Authority == itopRest.Authority);
        Assert.All(http, u => Assert.Equal(bridge.Authority, u.Authority));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static async Task<(string, string, string, string)?> CallerOfAsync(string title)
    {
        var rows = await ITopLab.QueryAsync(
            "SELECT p.first_name, c.name, c.email, r.servicesubcategory_id FROM ticket t JOIN ticket_request r ON r.id = t.id JOIN contact c ON c.id = t.caller_id "
            + $"JOIN person p ON p.id = c.id WHERE t.title = '{title.Replace("'", "''", StringComparison.Ordinal)}'");
        return rows.Count == 1 ? (rows[0][0], rows[0][1], rows[0][2], rows[0][3]) : null;
    }

    /// <summary>The real connector host on Kestrel at the lab's bridge address (the origin of the copy's app_root_url).</summary>
    private async Task<WebApplication> StartBridgeAsync(Uri bridge, Uri itopWeb)
    {
        var app = BridgeConnectorHost.Build(postgres.ConnectionString, new Dictionary<string, string?>
        {
            ["HandoffMode"] = "ReverseProxy",
            ["ITopWebUrl"] = itopWeb.ToString(),
        }, web => web.UseUrls(bridge.GetLeftPart(UriPartial.Authority)),
            (ITopLab.Get("AMIGO_ITOP_URL"), ITopLab.Get("AMIGO_ITOP_ARENA_USER"), ITopLab.Get("AMIGO_ITOP_ARENA_PASSWORD")));
        await app.StartAsync();
        return app;
    }
}
