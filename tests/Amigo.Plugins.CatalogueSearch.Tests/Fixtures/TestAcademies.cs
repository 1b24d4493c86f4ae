namespace Amigo.Plugins.CatalogueSearch.Tests.Fixtures;

/// <summary>Academy contexts and ready-made snapshots for the tests.</summary>
public static class TestAcademies
{
    /// <summary>An academy context whose <c>Plugins</c> section holds <paramref name="catalogueSettings"/> (keys under <c>catalogue:</c>).</summary>
    public static AcademyContext Create(string id, IDictionary<string, string?>? catalogueSettings = null) =>
        // The catalogue search never calls iTop: it reads the synced database.
        TestAcademy.Create(id, null, CatalogueSearchSettings.PluginId, catalogueSettings, displayName: id, zone: TimeZoneInfo.Utc);

    /// <summary>The default profile (default settings, default synonyms).</summary>
    public static CatalogueSearchProfile DefaultProfile { get; } = new(new CatalogueSearchSettings());

    /// <summary>A snapshot of the Normandie fixture.</summary>
    public static AcademyCatalogue Normandie(IReadOnlyDictionary<long, int>? usage = null, CatalogueSearchProfile? profile = null)
    {
        profile ??= DefaultProfile;
        var index = CatalogueIndexBuilder.Build(NormandieCatalogue.Rows, profile.Analyzer);
        var scope = new CatalogueScope(NormandieCatalogue.Offers, NormandieCatalogue.Organizations, profile.Settings.InheritParentOffers);
        return new AcademyCatalogue(NormandieCatalogue.AcademyId, index, scope, usage ?? NormandieCatalogue.Usage, null, profile.AnalyzerSignature, DateTimeOffset.UnixEpoch);
    }

    /// <summary>Searches a snapshot and returns the result (fails the test on a refusal).</summary>
    public static CatalogueSearchResult Search(AcademyCatalogue catalogue, string query, string? org, CatalogueSearchProfile? profile = null, string? page = null)
    {
        var outcome = CatalogueSearchService.Search(catalogue, profile ?? DefaultProfile, new CatalogueSearchRequest(query, page, null, org));
        Assert.True(outcome.Problem is null, outcome.Problem?.Message);
        return outcome.Result!;
    }
}
