namespace Amigo.Plugins.CatalogueSearch.Tests;

public sealed class RankingTests
{
    [Fact]
    public void Ties_are_broken_by_usage_most_used_first()
    {
        var result = TestAcademies.Search(TestAcademies.Normandie(), "webmail", NormandieCatalogue.RectoratCode);
        var top = result.Items.Take(4).ToList();
        Assert.Single(top.Select(hit => hit.Score).Distinct());
        var byUsage = NormandieCatalogue.SeedWebmailRows.OrderByDescending(id => NormandieCatalogue.Usage[id]);
        Assert.Equal(byUsage, top.Select(hit => hit.ServiceSubcategoryId));
    }

    [Fact]
    public void Changing_usage_changes_the_order_of_tied_rows()
    {
        var usage = new Dictionary<long, int>(NormandieCatalogue.Usage) { [1001] = 999, [1004] = 0 };
        var top = TestAcademies.Search(TestAcademies.Normandie(usage), "webmail", NormandieCatalogue.RectoratCode).Items.Take(4).ToList();
        Assert.Equal(1001, top[0].ServiceSubcategoryId);
        Assert.Equal(1004, top[3].ServiceSubcategoryId);
    }

    [Fact]
    public void Equal_rows_without_usage_come_in_a_stable_catalogue_order()
    {
        var catalogue = TestAcademies.Normandie(new Dictionary<long, int>());
        var first = TestAcademies.Search(catalogue, "webmail", NormandieCatalogue.RectoratCode).Items.Select(hit => hit.ServiceSubcategoryId).ToList();
        var again = TestAcademies.Search(TestAcademies.Normandie(new Dictionary<long, int>()), "webmail", NormandieCatalogue.RectoratCode)
            .Items.Select(hit => hit.ServiceSubcategoryId).ToList();
        Assert.Equal(first, again);
        // Agenda (family) sorts before Messagerie: the deterministic order is domain, group, family, service, subcategory, id.
        Assert.Equal([1001, 1002, 1003, 1004], first.Take(4));
    }

    [Fact]
    public void A_service_name_match_outranks_a_family_match_whatever_the_usage()
    {
        // "Poste de travail" is the service of 1024–1026 and only the family of 1027–1029 (Impression), which are used more.
        var usage = new Dictionary<long, int>(NormandieCatalogue.Usage) { [1027] = 10_000, [1028] = 10_000, [1029] = 10_000 };
        var ids = TestAcademies.Search(TestAcademies.Normandie(usage), "poste de travail", NormandieCatalogue.RectoratCode)
            .Items.Select(hit => hit.ServiceSubcategoryId).ToList();
        var lastService = new[] { 1024L, 1025, 1026 }.Max(id => ids.IndexOf(id));
        var firstFamily = new[] { 1027L, 1028, 1029 }.Min(id => ids.IndexOf(id));
        Assert.True(lastService < firstFamily, string.Join(",", ids));
    }

    [Fact]
    public void Exact_beats_prefix_beats_fuzzy_whatever_the_usage()
    {
        var catalogue = Build(
            ("Gestion", 1, 0),
            ("Gestionnaire", 2, 1000),
            ("Comptabilité", 3, 0),
            ("Compte", 4, 1000),
            ("Imprimer", 5, 0));

        var gestion = Ids(catalogue, "gestion");
        Assert.Equal([1L, 2L], gestion);

        // "compta" is the start of "comptabilité" (prefix) and one edit from "compte" (fuzzy).
        var compta = Ids(catalogue, "compta");
        Assert.Equal([3L, 4L], compta);
    }

    [Fact]
    public void Description_matches_rank_below_name_matches()
    {
        var rows = new[]
        {
            Row(1, "Consultation", "Messagerie", "Annuaire académique", 10),
            Row(2, "Annuaire", "Agenda", null, 11),
        };
        var catalogue = Snapshot(rows, new Dictionary<long, int> { [1] = 1000 });
        Assert.Equal([2L, 1L], Ids(catalogue, "annuaire"));
    }

    private static List<long> Ids(AcademyCatalogue catalogue, string query) =>
        TestAcademies.Search(catalogue, query, null).Items.Select(hit => hit.ServiceSubcategoryId).ToList();

    private static AcademyCatalogue Build(params (string Service, long Id, int Usage)[] services)
    {
        var rows = services.Select(service => Row(service.Id, "Demande", service.Service, null, service.Id)).ToList();
        return Snapshot(rows, services.ToDictionary(service => service.Id, service => service.Usage));
    }

    private static CatalogueRow Row(long id, string subcategory, string service, string? description, long serviceId) => new()
    {
        SubcategoryId = id,
        SubcategoryName = subcategory,
        ServiceId = serviceId,
        ServiceName = service,
        SubcategoryDescription = description,
    };

    private static AcademyCatalogue Snapshot(IEnumerable<CatalogueRow> rows, IReadOnlyDictionary<long, int> usage)
    {
        var profile = TestAcademies.DefaultProfile;
        return new AcademyCatalogue("test", CatalogueIndexBuilder.Build(rows, profile.Analyzer),
            new CatalogueScope([], [], true), usage, null, profile.AnalyzerSignature, DateTimeOffset.UnixEpoch);
    }
}
