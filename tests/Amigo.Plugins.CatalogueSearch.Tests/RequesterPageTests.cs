namespace Amigo.Plugins.CatalogueSearch.Tests;

/// <summary>
/// The requester page served for a verified person (<see cref="RequesterPageHost"/>): escaping, scoping to the
/// person's organizations, pagination, French messages, and the choice route (count, redirect, refusals).
/// </summary>
public sealed partial class RequesterPageTests : IAsyncLifetime
{
    private const string Academy = NormandieCatalogue.AcademyId;
    private const string PortalKey = "50afd120ccc25efec1cf001edc15931e7dd72543ca723ac83fdccc8cfcc5c996";
    // Person 9 of the rectorat; person 10 of the lycée (its UAI in the identity); person 11 of an organization unknown to the catalogue.
    private static readonly string Rectorat = $"9;{NormandieCatalogue.RectoratOrg};";
    private static readonly string Lycee = $"10;{NormandieCatalogue.LyceeOrg};{NormandieCatalogue.LyceeUai}";
    private const string Unknown = "11;999;";
    private static readonly string Page = RequesterPageHost.PagePath(Academy);

    private RequesterPageHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await RequesterPageHost.StartAsync(InMemoryCatalogueSource.Normandie(),
            TestAcademies.Create(Academy, new Dictionary<string, string?> { ["PortalKey"] = PortalKey }));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [GeneratedRegex("<tr data-subcategory=\"(\\d+)\"")]
    private static partial Regex RowPattern { get; }

    private static List<long> Rows(string html) => RowPattern.Matches(html).Select(m => long.Parse(m.Groups[1].Value)).ToList();

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string url, string? person)
    {
        var response = await _host.GetAsync(url, person);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task The_page_has_the_tutorial_table_labelled_in_French_with_its_own_script_and_a_strict_policy()
    {
        var (status, html, response) = await GetAsync(Page + "?q=webmail", Rectorat);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("<label for=\"q\">", html);
        Assert.Contains("aria-live=\"polite\"", html);
        Assert.Contains("<caption>", html);
        var headers = Regex.Matches(html, "<th scope=\"col\">([^<]*)</th>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(CataloguePageHtml.Columns, headers);
        Assert.Equal(NormandieCatalogue.SeedWebmailRows.Order(), Rows(html).Take(4).Order());
        // Only the connector's own files: no external origin anywhere in the page.
        Assert.Contains($"<script src=\"{Page}page.js\" defer></script>", html);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var script = await GetAsync(Page + "page.js", Rectorat);
        Assert.Equal(HttpStatusCode.OK, script.Status);
        Assert.Contains("fetch(", script.Body);
        Assert.Equal("text/javascript", script.Response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\"><img src=x onerror=alert(1)> webmail")]
    [InlineData("webmail' onfocus='alert(1)")]
    [InlineData("webmail & <b>co</b>")]
    public async Task Whatever_is_typed_comes_back_encoded_in_the_page_and_the_fragment(string typed)
    {
        foreach (var path in new[] { Page, Page + "results" })
        {
            var (_, html, _) = await GetAsync(path + "?q=" + Uri.EscapeDataString(typed), Rectorat);
            // Every typed string holds a markup character: its raw form must appear nowhere, its encoded form does.
            Assert.DoesNotContain(typed, html);
            Assert.Contains(CataloguePageHtml.E(typed), html);
            Assert.DoesNotContain("<script>", html);
            Assert.DoesNotContain("<img", html);
            Assert.DoesNotContain("<b>", html);
        }
    }

    [Fact]
    public async Task A_person_sees_only_what_their_establishments_may_request()
    {
        var (_, rectorat, _) = await GetAsync(Page + "?q=webmail", Rectorat);
        var (_, lycee, _) = await GetAsync(Page + "?q=webmail", Lycee);
        var (_, unknown, _) = await GetAsync(Page + "?q=webmail", Unknown);

        // The rectorat's webmail rows; never the DSDEN-only row, never the obsolete one.
        Assert.Contains(1003L, Rows(rectorat));
        Assert.DoesNotContain(1068L, Rows(rectorat));
        // The lycée: the establishments' webmail (1047, 1048), not the rectorat's (1001–1004), not the DSDEN's.
        var lyceeRows = Rows(lycee);
        Assert.Equal([1047L, 1048L], lyceeRows.Take(2).Order());
        Assert.DoesNotContain(lyceeRows, id => NormandieCatalogue.SeedWebmailRows.Contains(id) || id == 1068);
        // An organization the catalogue does not know: nothing, with a French message (never the whole catalogue).
        Assert.Empty(Rows(unknown));
        Assert.Contains(CataloguePageHtml.E(FrenchMessages.NoOffer), unknown);
    }

    [Fact]
    public async Task Results_come_twenty_per_page_with_working_page_links()
    {
        // « service » is in every domain's name (« Offre de services … »): every row the rectorat may request.
        var (_, first, _) = await GetAsync(Page + "?q=service", Rectorat);
        var total = int.Parse(Regex.Match(first, "— (\\d+) résultats").Groups[1].Value);
        Assert.True(total > 20, $"the fixture gives {total} rows for 'service'");
        var pages = (total + 19) / 20;
        Assert.Equal(20, Rows(first).Count);
        Assert.Contains($"page 1 sur {pages}", first);
        Assert.Contains("aria-label=\"Pages de résultats\"", first);
        Assert.Contains($"href=\"{Page}?q=service&amp;page=2\" data-fragment=\"{Page}results?q=service&amp;page=2\"", first);

        var (_, second, _) = await GetAsync(Page + "results?q=service&page=2", Rectorat);
        var secondRows = Rows(second);
        Assert.Equal(Math.Min(20, total - 20), secondRows.Count);
        Assert.Empty(secondRows.Intersect(Rows(first)));
        Assert.Contains("Page précédente", second);
        Assert.DoesNotContain("<html", second);
    }

    [Fact]
    public async Task Empty_no_result_and_refused_queries_get_French_messages()
    {
        var (emptyStatus, empty, _) = await GetAsync(Page, Rectorat);
        Assert.Equal(HttpStatusCode.OK, emptyStatus);
        Assert.Contains(CataloguePageHtml.E(FrenchMessages.Guidance), empty);
        Assert.Empty(Rows(empty));

        // Two typos in a 7-letter word: beyond the search's typo budget, within the suggestions'.
        var (noneStatus, none, _) = await GetAsync(Page + "results?q=wabmial", Rectorat);
        Assert.Equal(HttpStatusCode.OK, noneStatus);
        Assert.Empty(Rows(none));
        Assert.Contains("Aucun résultat pour « wabmial »", none);
        Assert.Contains("Vouliez-vous dire", none);
        Assert.Contains($"href=\"{Page}?q=webmail\"", none);

        var (longStatus, tooLong, _) = await GetAsync(Page + "results?q=" + new string('a', 300), Rectorat);
        Assert.Equal(HttpStatusCode.BadRequest, longStatus);
        Assert.Contains("Votre recherche est trop longue (300 caractères, 256 au plus)", tooLong);
        Assert.DoesNotContain(new string('a', 300), tooLong);

        var (controlStatus, control, _) = await GetAsync(Page + "results?q=web%00mail", Rectorat);
        Assert.Equal(HttpStatusCode.BadRequest, controlStatus);
        Assert.Contains("caractères qui ne sont pas du texte", control);

        var (utf8Status, utf8, _) = await GetAsync(Page + "?q=%C3%28", Rectorat);
        Assert.Equal(HttpStatusCode.BadRequest, utf8Status);
        Assert.Contains("caractères qui ne sont pas du texte", utf8);

        var (symbolsStatus, symbols, _) = await GetAsync(Page + "results?q=!!!", Rectorat);
        Assert.Equal(HttpStatusCode.BadRequest, symbolsStatus);
        Assert.Contains("ni lettre ni chiffre", symbols);
    }

    [Fact]
    public async Task Choosing_a_row_counts_it_and_redirects_to_the_prefilled_portal_form()
    {
        var (status, _, response) = await GetAsync(Page + "choose?sub=1004", Rectorat);

        Assert.Equal(HttpStatusCode.Redirect, status);
        var location = response.Headers.Location!.ToString();
        var expectedPath = $"/api/academies/{Academy}/arena/portal/pages/exec.php/object/create-from-factory/ServiceSubcategory/1004/XFRpY2tldDo6Q3JlYXRlRnJvbVNlcnZpY2VTdWJjYXRlZ29yeQ==";
        Assert.StartsWith(expectedPath + "?exec_module=itop-portal-base&exec_page=index.php&portal_id=itop-portal&ar_token=", location);
        var token = Uri.UnescapeDataString(location[(location.IndexOf("ar_token=", StringComparison.Ordinal) + 9)..]);
        using var json = JsonDocument.Parse(new PortalTokenCipher(PortalKey, PortalEncryptionLibrary.Sodium).Decrypt(token)!);
        Assert.Equal(PortalFormLink.Rules, json.RootElement.GetProperty("rules").EnumerateArray().Select(r => r.GetString()!));
        var sources = json.RootElement.GetProperty("sources");
        Assert.Equal(1004, sources.GetProperty("ServiceSubcategory").GetInt64());
        Assert.Equal(102, sources.GetProperty("Service").GetInt64());
        Assert.Equal(12, sources.GetProperty("ServiceFamily").GetInt64());
        // Counted per academy, subcategory and day; nothing else is kept.
        Assert.Equal(1, _host.Choices.Counts[(Academy, 1004, new DateOnly(2031, 6, 17))]);
        await GetAsync(Page + "choose?sub=1004", Lycee.Replace("10;", "12;", StringComparison.Ordinal).Replace(NormandieCatalogue.LyceeUai, NormandieCatalogue.RectoratCode, StringComparison.Ordinal));
        Assert.Equal(2, _host.Choices.Counts[(Academy, 1004, new DateOnly(2031, 6, 17))]);
    }

    [Fact]
    public async Task A_HEAD_on_a_choice_redirects_like_a_GET_but_is_not_counted()
    {
        using var head = await _host.SendAsync(HttpMethod.Head, Page + "choose?sub=1004", Rectorat);
        Assert.Equal(HttpStatusCode.Redirect, head.StatusCode);
        Assert.Contains("/ServiceSubcategory/1004/", head.Headers.Location!.ToString());
        Assert.Empty(_host.Choices.Counts);

        await GetAsync(Page + "choose?sub=1004", Rectorat);
        Assert.Equal(1, _host.Choices.Counts[(Academy, 1004, new DateOnly(2031, 6, 17))]);
    }

    [Theory]
    [InlineData("choose?sub=999999", HttpStatusCode.NotFound)] // not in the catalogue
    [InlineData("choose?sub=1068", HttpStatusCode.NotFound)]   // DSDEN only
    [InlineData("choose?sub=1066", HttpStatusCode.NotFound)]   // obsolete
    [InlineData("choose?sub=abc", HttpStatusCode.BadRequest)]
    [InlineData("choose?sub=1004&sub=1003", HttpStatusCode.BadRequest)]
    [InlineData("choose", HttpStatusCode.BadRequest)]
    public async Task A_row_the_person_may_not_request_is_refused_and_not_counted(string path, HttpStatusCode expected)
    {
        var (status, html, response) = await GetAsync(Page + path, Rectorat);
        Assert.Equal(expected, status);
        Assert.Null(response.Headers.Location);
        Assert.Contains("lang=\"fr\"", html);
        Assert.Empty(_host.Choices.Counts);
    }

    [Fact]
    public async Task The_lycee_cannot_choose_a_rectorat_row()
    {
        var (status, _, _) = await GetAsync(Page + "choose?sub=1004", Lycee);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Empty(_host.Choices.Counts);
    }

    [Fact]
    public async Task Without_the_portal_key_a_choice_is_refused_in_French_and_not_counted()
    {
        await using var host = await RequesterPageHost.StartAsync(InMemoryCatalogueSource.Normandie(), TestAcademies.Create(Academy));
        var response = await host.GetAsync(Page + "choose?sub=1004", Rectorat);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Le formulaire de demande ne peut pas être ouvert", await response.Content.ReadAsStringAsync());
        Assert.Empty(host.Choices.Counts);
    }
}
