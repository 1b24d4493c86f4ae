namespace Amigo.Plugins.CatalogueSearch.Tests;

/// <summary>GET /api/academies/{academy}/catalogue/search through the real handler on an in-process server.</summary>
public sealed class EndpointTests : IAsyncLifetime
{
    private const string Url = "/api/academies/normandie/catalogue/search";
    private CatalogueTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await CatalogueTestHost.StartAsync(InMemoryCatalogueSource.Normandie(), TestAcademies.Create(NormandieCatalogue.AcademyId));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Webmail_answers_json_with_the_four_rows_and_the_ids_to_create_a_request()
    {
        var response = await _host.Client.GetAsync($"{Url}?q=webmail&org=RECTORAT");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("normandie", root.GetProperty("academy").GetString());
        Assert.Equal(20, root.GetProperty("pageSize").GetInt32());
        Assert.Equal(1, root.GetProperty("page").GetInt32());
        Assert.True(root.GetProperty("total").GetInt32() >= 4);
        var items = root.GetProperty("items").EnumerateArray().Take(4).ToList();
        Assert.Equal(NormandieCatalogue.SeedWebmailRows.Order(), items.Select(item => item.GetProperty("serviceSubcategoryId").GetInt64()).Order());
        var first = items[0];
        foreach (var level in new[] { "domain", "familyGroup", "family", "service", "subcategory" })
        {
            Assert.False(string.IsNullOrEmpty(first.GetProperty(level).GetString()), level);
        }
        Assert.Equal("service_request", first.GetProperty("requestType").GetString());
        Assert.True(first.GetProperty("serviceId").GetInt64() > 0);
    }

    [Fact]
    public async Task Twenty_rows_per_page_with_the_total()
    {
        var page1 = await _host.Client.GetFromJsonAsync<JsonElement>($"{Url}?q=service&org=RECTORAT");
        var page2 = await _host.Client.GetFromJsonAsync<JsonElement>($"{Url}?q=service&org=RECTORAT&page=2");
        Assert.Equal(20, page1.GetProperty("items").GetArrayLength());
        var total = page1.GetProperty("total").GetInt32();
        Assert.True(total > 20);
        Assert.Equal(21, page2.GetProperty("items")[0].GetProperty("rank").GetInt32());
        var small = await _host.Client.GetFromJsonAsync<JsonElement>($"{Url}?q=service&org=RECTORAT&pageSize=5");
        Assert.Equal(5, small.GetProperty("items").GetArrayLength());
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "?org=RECTORAT", "query_missing" },
        { "?q=&org=RECTORAT", "query_missing" },
        { "?q=%20%20%20&org=RECTORAT", "query_blank" },
        { "?q=%09%0A&org=RECTORAT", "query_blank" },
        { $"?q={new string('a', 10 * 1024)}&org=RECTORAT", "query_too_long" },
        { $"?q={Uri.EscapeDataString(string.Join(' ', Enumerable.Repeat("webmail", 1500)))}&org=RECTORAT", "query_too_long" },
        { "?q=web%00mail&org=RECTORAT", "query_invalid_characters" },
        { "?q=%FF%FE%00%01&org=RECTORAT", "query_invalid_characters" },
        { "?q=%C3%28&org=RECTORAT", "query_invalid_characters" },
        { "?q=%1B%5B31m&org=RECTORAT", "query_invalid_characters" },
        { "?q=!!!%20...&org=RECTORAT", "query_no_terms" },
        { "?q=webmail&org=RECTORAT&page=0", "page_invalid" },
        { "?q=webmail&org=RECTORAT&page=-1", "page_invalid" },
        { "?q=webmail&org=RECTORAT&page=abc", "page_invalid" },
        { "?q=webmail&org=RECTORAT&page=99999999999", "page_invalid" },
        { "?q=webmail&org=RECTORAT&pageSize=100000", "page_size_invalid" },
        { "?q=webmail", "org_missing" },
        { "?q=webmail&org=", "org_invalid" },
        { "?q=webmail&org=a%00b", "org_invalid" },
        { "?q=webmail&q=agenda&org=RECTORAT", "parameter_repeated" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_a_clear_400(string queryString, string code)
    {
        var response = await _host.Client.GetAsync(Url + queryString);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));

        // The server is unharmed.
        var after = await _host.Client.GetAsync($"{Url}?q=webmail&org=RECTORAT");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task An_unknown_organization_is_a_404()
    {
        var response = await _host.Client.GetAsync($"{Url}?q=webmail&org=0999999Z");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("org_unknown", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Text_that_looks_like_oql_or_sql_is_just_searched()
    {
        var query = Uri.EscapeDataString("webmail' OR 1=1 -- SELECT UserRequest WHERE id > 0");
        var response = await _host.Client.GetAsync($"{Url}?q={query}&org=RECTORAT");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(body.GetProperty("items").EnumerateArray(), item => item.GetProperty("service").GetString()!.Contains("Webmail", StringComparison.Ordinal));
    }
}
