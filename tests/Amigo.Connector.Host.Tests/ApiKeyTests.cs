namespace Amigo.Connector.Host.Tests;

/// <summary>Admin keys see everything; an academy key sees and changes only its academy; plugin-authenticated endpoints need no key.</summary>
public sealed class ApiKeyTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private Microsoft.AspNetCore.Builder.WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = TestHosts.Create(TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "keys"));
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    [InlineData("admin-key-0123456789abcdeX")]
    public async Task Missing_or_unknown_key_is_401(string? key)
    {
        var client = _app.Client(key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/academies")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/academies/toulouse/plugins")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/academies/toulouse/counting/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/academies/toulouse/plugins/counting/disable", null)).StatusCode);
    }

    [Fact]
    public async Task Admin_key_sees_every_academy()
    {
        var client = _app.Client(TestHosts.AdminKey);
        Assert.Equal(["montpellier", "toulouse"], (await AcademyIdsAsync(client)).Order());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/academies/montpellier/jobs/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/academies/bordeaux/plugins")).StatusCode);
    }

    [Fact]
    public async Task Academy_key_sees_and_changes_only_its_academy()
    {
        var client = _app.Client(TestHosts.ToulouseKey);
        Assert.Equal(["toulouse"], await AcademyIdsAsync(client));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/academies/toulouse/plugins")).StatusCode);
        Assert.Equal("pong toulouse", await client.GetStringAsync("/api/academies/toulouse/counting/ping"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/academies/montpellier/plugins")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/academies/montpellier/jobs/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/academies/montpellier/plugins/counting/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/academies/montpellier/jobs/sync/run", null)).StatusCode);
    }

    [Fact]
    public async Task Plugin_authenticated_endpoints_skip_the_key_but_not_the_switch()
    {
        var client = _app.Client(null);
        Assert.Equal("open toulouse", await client.GetStringAsync("/api/academies/toulouse/open/whoami"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/academies/montpellier/open/whoami")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        var document = await _app.Client(null).GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/academies/{academy}/jobs/{job}/run\"", document);
        Assert.Contains("\"/api/academies/{academy}/counting/ping\"", document);
        Assert.Contains("\"/health\"", document);
    }

    private static async Task<string[]> AcademyIdsAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/academies"));
        return json.RootElement.EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToArray();
    }
}
