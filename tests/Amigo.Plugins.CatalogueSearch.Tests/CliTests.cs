namespace Amigo.Plugins.CatalogueSearch.Tests;

/// <summary><c>amigo catalogue search "…" --academy ID [--org …] [--json]</c> through System.CommandLine.</summary>
public sealed class CliTests
{
    private readonly RootCommand _root;

    public CliTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(ClockSweep.Instant("2031-06-17 14:40")));
        services.AddSingleton<ICatalogueSource>(InMemoryCatalogueSource.Normandie());
        services.AddSingleton<IAcademyRegistry>(new TestAcademyRegistry([TestAcademies.Create(NormandieCatalogue.AcademyId)]));
        var plugin = new CatalogueSearchPlugin();
        plugin.ConfigureServices(services);
        _root = new RootCommand("amigo");
        foreach (var command in plugin.CreateCommands(services.BuildServiceProvider()))
        {
            _root.Subcommands.Add(command);
        }
    }

    [Fact]
    public async Task Search_prints_json_like_the_endpoint()
    {
        var (exit, output, _) = await RunAsync("catalogue", "search", "webmail", "--academy", "normandie", "--org", "RECTORAT", "--json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var ids = json.RootElement.GetProperty("items").EnumerateArray().Take(4).Select(item => item.GetProperty("serviceSubcategoryId").GetInt64());
        Assert.Equal(NormandieCatalogue.SeedWebmailRows.Order(), ids.Order());
    }

    [Fact]
    public async Task Search_prints_a_readable_table_by_default()
    {
        var (exit, output, _) = await RunAsync("catalogue", "search", "mot de passe", "--academy", "normandie");
        Assert.Equal(0, exit);
        Assert.Contains("Comptes et mots de passe › Réinitialisation de mot de passe", output);
        Assert.Contains("servicesubcategory_id=1043", output);
        Assert.Contains("whole catalogue", output);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("web\u0001mail")]
    public async Task Bad_queries_are_refused_with_exit_code_2(string query)
    {
        var (exit, output, error) = await RunAsync("catalogue", "search", query, "--academy", "normandie");
        Assert.Equal(CatalogueCommands.InvalidInput, exit);
        Assert.StartsWith("error:", error);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task A_10_KB_query_is_refused()
    {
        var (exit, _, error) = await RunAsync("catalogue", "search", new string('x', 10 * 1024), "--academy", "normandie");
        Assert.Equal(CatalogueCommands.InvalidInput, exit);
        Assert.Contains("characters long", error);
    }

    [Fact]
    public async Task An_unknown_academy_is_refused()
    {
        var (exit, _, error) = await RunAsync("catalogue", "search", "webmail", "--academy", "bordeaux");
        Assert.Equal(CatalogueCommands.InvalidInput, exit);
        Assert.Contains("unknown academy 'bordeaux'", error);
    }

    [Fact]
    public async Task Reindex_reports_the_entries()
    {
        var (exit, output, _) = await RunAsync("catalogue", "reindex", "--academy", "normandie");
        Assert.Equal(0, exit);
        Assert.Contains($"{NormandieCatalogue.Rows.Count} entries", output);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await _root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
