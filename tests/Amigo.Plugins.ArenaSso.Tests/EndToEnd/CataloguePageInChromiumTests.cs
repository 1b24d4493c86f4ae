using Microsoft.Playwright;

namespace Amigo.Plugins.ArenaSso.Tests.EndToEnd;

/// <summary>
/// Done-when of issue #17, against the real iTop 3.2 lab and a real PostgreSQL: the catalogue synced from the lab by the
/// host's sync job; Debian's chromium arrives through the bridge (the real host on Kestrel, reverse-proxy mode) with
/// ARENA's headers, opens the requester page, types « webmial » key by key, sees the webmail rows first, chooses one with
/// the keyboard, lands on iTop's portal creation form (through the bridge) with that service and subcategory selected,
/// submits it; the UserRequest in iTop's MariaDB has that subcategory and the person as caller, and the choice was
/// counted (nothing personal) in the connector's database. Screenshots go to $AMIGO_TEST_RESULTS/catalogue-page-chromium.
/// </summary>
[Collection(ArenaLabCollection.Name)]
public sealed class CataloguePageInChromiumTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const string Academy = "toulouse";

    [ITopLabFact]
    public async Task A_person_from_ARENA_finds_webmail_by_a_misspelt_keyword_and_files_a_prefilled_request()
    {
        var run = new LabBrowserRun("catalogue-page-chromium", output);
        var lab = await ITopLab.StartArenaWebRootAsync();
        var bridge = new Uri(lab["AMIGO_ARENA_LAB_BRIDGE_URL"]);
        var itopWeb = new Uri(lab["AMIGO_ARENA_LAB_ITOP_WEB_URL"]);
        var itopRest = new Uri(ITopLab.Get("AMIGO_ITOP_URL"));
        var portalKey = await PortalKeyAsync();
        var database = await postgres.CreateDatabaseAsync(migrate: false);
        await using var host = await StartHostAsync(bridge, itopWeb, database, portalKey);

        // The catalogue, offers and tickets (usage) come from the lab through the host's own sync job.
        var sync = await host.Services.GetRequiredService<JobRunner>().RunAsync(new JobRequest(Academy, "sync", "test"));
        output.WriteLine($"sync: {sync.Outcome} — {sync.Summary}");
        Assert.Equal("succeeded", sync.Outcome);
        var incidents = (await ITopLab.QueryAsync("SELECT id FROM servicesubcategory WHERE request_type = 'incident'")).Select(r => r[0]).ToHashSet();

        await Chromium.EnsureInstalledAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath, Headless = true, Args = Chromium.Flags,
        });
        const string email = "sophie.martin-e2e@ac-toulouse.fr";
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            ExtraHTTPHeaders = LabBrowserRun.ArenaIdentity("sophie.martin-e2e", email, "Martin", "Sophie"),
        });
        await context.AddCookiesAsync([new Cookie { Name = "CTSESSION", Value = "e2e-catalogue", Domain = bridge.Host, Path = "/" }]);
        var requests = new ConcurrentQueue<string>();
        context.Request += (_, request) => requests.Enqueue(request.Method + " " + request.Url);
        var page = await context.NewPageAsync();
        var pagePath = $"/api/academies/{Academy}/arena/catalogue/";

        try
        {
            // 1. The page, through the bridge: French, labelled, the search box focused.
            await page.GotoAsync(new Uri(bridge, pagePath).ToString());
            await Expect(page.Locator("h1")).ToHaveTextAsync("Créer un ticket à partir d'un mot clé");
            await Expect(page.Locator("body")).ToContainTextAsync("Sophie Martin");
            var box = page.GetByLabel("Rechercher un service par mot clé");
            await Expect(box).ToBeFocusedAsync();
            await run.ShotAsync(page, "1-page");

            // 2. « webmial », key by key, as a person types: results while typing, webmail rows first.
            foreach (var key in "webmial")
            {
                await page.Keyboard.TypeAsync(key.ToString());
                await page.WaitForTimeoutAsync(90);
            }
            await Expect(page.Locator("#statut")).ToContainTextAsync("pour « webmial »", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
            Assert.EndsWith("?q=webmial", page.Url);
            var rows = page.Locator("#resultats table tbody tr");
            var services = await rows.Locator("th[scope=row]").AllInnerTextsAsync();
            output.WriteLine("rows for « webmial »: " + string.Join(" | ", services));
            var webmail = services.Select(s => s.Contains("Webmail", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(webmail.Count(w => w) >= 9, "the lab has 9 webmail subcategories (Webmail académique, Agenda Webmail)");
            var firstOther = webmail.IndexOf(false);
            Assert.True(firstOther == -1 || webmail.LastIndexOf(true) < firstOther, "webmail rows come first");
            await run.ShotAsync(page, "2-results-webmial");

            // 3. A webmail row that makes a UserRequest, chosen with the keyboard (focus the link, Enter).
            var subcategoryIds = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.subcategory)");
            var index = Array.FindIndex(subcategoryIds, id => !incidents.Contains(id));
            var subcategoryId = subcategoryIds[index];
            var serviceId = (await ITopLab.QueryAsync($"SELECT service_id FROM servicesubcategory WHERE id = {long.Parse(subcategoryId)}")).Single()[0];
            await rows.Nth(index).Locator("a").FocusAsync();
            await page.Keyboard.PressAsync("Enter");

            // 4. iTop's creation form, through the bridge, with the service and subcategory selected.
            var subcategorySelect = page.Locator("select[name='servicesubcategory_id']");
            await subcategorySelect.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            Assert.StartsWith(new Uri(bridge, $"/api/academies/{Academy}/arena/portal/pages/exec.php/object/create-from-factory/ServiceSubcategory/{subcategoryId}/").ToString(), page.Url);
            Assert.Equal(serviceId, await page.Locator("select[name='service_id']").InputValueAsync());
            Assert.Equal(subcategoryId, await subcategorySelect.InputValueAsync());
            await run.ShotAsync(page, "3-form-prefilled");

            // 5. Title and description, then « Valider ».
            var ticketTitle = $"Webmail inaccessible depuis le collège (e2e {Guid.NewGuid().ToString("N")[..8]})";
            await page.Locator("[data-field-id='title'] input:visible").First.FillAsync(ticketTitle);
            await page.Locator("[data-field-id='description'] [contenteditable='true']:visible, [data-field-id='description'] textarea:visible").First.ClickAsync();
            await page.Keyboard.TypeAsync("Le webmail affiche une erreur à la connexion depuis ce matin.");
            await run.ShotAsync(page, "4-form-filled");
            await page.Locator("button.form_btn_submit:visible, button[type='submit']:visible").First.ClickAsync();
            await LabBrowserRun.WaitForAsync(async () => (await TicketAsync(ticketTitle)) is not null, TimeSpan.FromSeconds(45));
            // The portal then opens the person's requests (the token's go-to-open-request-on-submit rule): let it, for the artifact.
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("create-from-factory", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 30_000 });
            }
            catch (TimeoutException)
            {
                output.WriteLine("the portal did not leave the form within 30 s (screenshot taken anyway)");
            }
            await run.ShotAsync(page, "5-submitted");

            // 6. In iTop's database: a UserRequest in that subcategory, Sophie as caller.
            var ticket = await TicketAsync(ticketTitle);
            var sophie = (await ITopLab.QueryAsync($"SELECT id FROM contact WHERE email = '{email}'")).Single()[0];
            Assert.Equal(("UserRequest", subcategoryId, serviceId, sophie), ticket);
            output.WriteLine($"UserRequest '{ticketTitle}': subcategory {subcategoryId}, service {serviceId}, caller Person {sophie}");

            // 7. The choice was counted for the ranking, with nothing personal.
            await using var connector = NpgsqlDataSource.Create(database);
            await using var count = connector.CreateCommand("SELECT sum(choices)::int, count(*)::int FROM catalogue_choices WHERE academy_id = $1 AND subcategory_id = $2");
            count.Parameters.Add(new NpgsqlParameter { Value = Academy });
            count.Parameters.Add(new NpgsqlParameter { Value = long.Parse(subcategoryId) });
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal(1, reader.GetInt32(0));
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

        // 8. Everything the browser asked went to the bridge: the page, its script, the fragments, the portal.
        var http = requests.Select(r => new Uri(r.Split(' ', 2)[1])).Where(u => u.Scheme is "http" or "https").ToList();
        Assert.Contains(http, u => u.AbsolutePath == pagePath + "results");
        Assert.Contains(http, u => u.AbsolutePath == pagePath + "page.js");
        Assert.DoesNotContain(http, u => u.Authority == itopWeb.Authority || u.Authority == itopRest.Authority);
        Assert.All(http, u => Assert.Equal(bridge.Authority, u.Authority));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    /// <summary>
    /// iTop's portal key (what an administrator copies into the connector's secret setting). iTop creates it on the
    /// first token it issues; on a freshly reseeded lab nothing has yet, so the test creates it the way iTop does
    /// (<c>DBProperty::SetProperty</c>: a row of <c>priv_db_properties</c> holding bin2hex of 32 random bytes).
    /// </summary>
    private static async Task<string> PortalKeyAsync()
    {
        const string select = "SELECT value FROM priv_db_properties WHERE name = 'portal-priv-key'";
        if ((await ITopLab.QueryAsync(select)).FirstOrDefault() is { } row) return row[0];
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await ITopLab.QueryAsync("INSERT INTO priv_db_properties (name, description, value, change_date, change_comment) "
            + $"VALUES ('portal-priv-key', '', '{key}', NOW(), '')");
        return (await ITopLab.QueryAsync(select)).Single()[0];
    }

    private static async Task<(string, string, string, string)?> TicketAsync(string title)
    {
        var rows = await ITopLab.QueryAsync(
            "SELECT t.finalclass, r.servicesubcategory_id, r.service_id, t.caller_id FROM ticket t JOIN ticket_request r ON r.id = t.id "
            + $"WHERE t.title = '{title.Replace("'", "''", StringComparison.Ordinal)}'");
        return rows.Count == 1 ? (rows[0][0], rows[0][1], rows[0][2], rows[0][3]) : null;
    }

    /// <summary>The real connector host on Kestrel at the lab's bridge address, with the bridge and the catalogue plugin.</summary>
    private static async Task<WebApplication> StartHostAsync(Uri bridge, Uri itopWeb, string database, string portalKey)
    {
        var app = ConnectorApplication.Build([], options =>
        {
            options.ScanPluginsFolder = false;
            options.RunScheduler = false;
            options.PluginAssemblies.Add(typeof(ArenaSsoPlugin).Assembly);
            options.PluginAssemblies.Add(typeof(CatalogueSearchPlugin).Assembly);
            options.ConfigureWebHost = web => web.UseUrls(bridge.GetLeftPart(UriPartial.Authority));
            var c = options.Configuration;
            c["Amigo:Database:ConnectionString"] = database;
            c["Amigo:Database:MigrateOnStart"] = "true";
            c[$"Amigo:Academies:{Academy}:DisplayName"] = "Académie de Toulouse";
            c[$"Amigo:Academies:{Academy}:ITop:Url"] = ITopLab.Get("AMIGO_ITOP_URL");
            c[$"Amigo:Academies:{Academy}:ITop:User"] = ITopLab.Get("AMIGO_ITOP_ARENA_USER");
            c[$"Amigo:Academies:{Academy}:ITop:Password"] = ITopLab.Get("AMIGO_ITOP_ARENA_PASSWORD");
            c[$"Amigo:Academies:{Academy}:ITop:TimeZone"] = "Europe/Paris";
            c[$"Amigo:Academies:{Academy}:Lifecycle"] = "itop-stock";
            var arena = $"Amigo:Academies:{Academy}:Plugins:arena:";
            c[arena + "Enabled"] = "true";
            c[arena + "HandoffMode"] = "ReverseProxy";
            c[arena + "ITopWebUrl"] = itopWeb.ToString();
            c[arena + "TrustedProxies:0"] = "127.0.0.1/32";
            c[arena + "SharedSecret"] = ArenaScenario.Secret;
            c[arena + "DefaultOrganizationCode"] = "AC-TLS";
            var catalogue = $"Amigo:Academies:{Academy}:Plugins:catalogue:";
            c[catalogue + "Enabled"] = "true";
            // The secret setting an administrator gives through the environment (Amigo__Academies__…__PortalKey).
            c[catalogue + "PortalKey"] = portalKey;
        });
        await app.StartAsync();
        return app;
    }
}
