namespace Amigo.Connector.Host.Tests;

/// <summary>
/// A 10 KB catalogue query over real HTTP (Kestrel, the built plugins folder) gets the documented problem+json 400,
/// not Kestrel's empty 414 for a request line over its 8 KB default.
/// </summary>
public sealed class OversizedQueryTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly string PluginsFolder = Path.Combine(typeof(OversizedQueryTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AmigoHostOutput").Value!, "plugins");

    [Fact]
    public async Task A_10_KB_query_gets_the_catalogue_problem_through_kestrel()
    {
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "oversized");
        await using var app = ConnectorApplication.Build([], options =>
        {
            options.RunScheduler = false;
            // The test assembly's plugins are not loaded here: only the plugins folder, as in production.
            foreach (var (key, value) in configuration.Where(c => !c.Key.Contains(":Plugins:", StringComparison.Ordinal))) options.Configuration[key] = value;
            options.Configuration["Amigo:PluginsPath"] = PluginsFolder;
            options.Configuration["Amigo:Academies:toulouse:Plugins:catalogue:Enabled"] = "true";
            options.Configuration["urls"] = "http://127.0.0.1:0";
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("X-Api-Key", TestHosts.AdminKey);

        using var response = await client.GetAsync($"/api/academies/toulouse/catalogue/search?q={new string('a', 10 * 1024)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("query_too_long", problem.RootElement.GetProperty("code").GetString());
        await app.StopAsync();
    }
}
