namespace Amigo.Plugins.CatalogueSearch.Tests;

public sealed class SettingsTests
{
    [Fact]
    public void Defaults_are_valid_and_show_20_per_page()
    {
        var settings = new CatalogueSearchSettings();
        Assert.Empty(settings.Validate());
        Assert.Equal(20, settings.PageSize);
    }

    [Fact]
    public void Invalid_values_are_named()
    {
        var settings = new CatalogueSearchSettings
        {
            PageSize = 0,
            MaxQueryLength = 100_000,
            RefreshInterval = TimeSpan.Zero,
            Synonyms = ["lonely"],
            ExtraStopWords = ["two words"],
        };
        var problems = string.Join("\n", settings.Validate());
        Assert.Contains("PageSize", problems);
        Assert.Contains("MaxQueryLength", problems);
        Assert.Contains("RefreshInterval", problems);
        Assert.Contains("Synonyms[0]", problems);
        Assert.Contains("ExtraStopWords", problems);
    }

    [Fact]
    public void Academy_settings_are_bound_from_the_plugin_section()
    {
        var academy = TestAcademies.Create("caen", new Dictionary<string, string?>
        {
            ["PageSize"] = "5",
            ["Synonyms:0"] = "gibii, gestion des comptes",
            ["UseDefaultSynonyms"] = "false",
        });
        var profile = new CatalogueSearchService(null!).ProfileOf(academy);
        Assert.Equal(5, profile.Settings.PageSize);
        Assert.Equal(2, profile.Synonyms.Count);
    }

    [Fact]
    public void Invalid_academy_settings_fail_clearly()
    {
        var academy = TestAcademies.Create("caen", new Dictionary<string, string?> { ["PageSize"] = "0" });
        var error = Assert.Throws<InvalidOperationException>(() => new CatalogueSearchService(null!).ProfileOf(academy));
        Assert.Contains("caen", error.Message);
        Assert.Contains("PageSize", error.Message);
    }
}
