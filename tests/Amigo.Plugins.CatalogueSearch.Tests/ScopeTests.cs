namespace Amigo.Plugins.CatalogueSearch.Tests;

/// <summary>Offers vary by establishment (guide, "Les offres de services peuvent varier…"): a user sees only their organization's.</summary>
public sealed class ScopeTests
{
    private static readonly string[] Queries =
    [
        "webmail", "dysfonctionnement", "demande de service", "ENT", "publinet", "accès à l'application", "réseau", "wifi",
        "op@le", "gestion financière", "ancien formulaire", "mot de passe", "panne", "service", "web",
    ];

    public static TheoryData<string, long> Users => new()
    {
        { NormandieCatalogue.RectoratCode, NormandieCatalogue.RectoratOrg },
        { NormandieCatalogue.LyceeUai, NormandieCatalogue.LyceeOrg },
        { "4", NormandieCatalogue.CollegeOrg },
        { "DSDEN14", NormandieCatalogue.DsdenOrg },
    };

    [Theory]
    [MemberData(nameof(Users))]
    public void A_subcategory_outside_the_users_contracts_never_appears(string org, long orgId)
    {
        var offered = OfferedServices(orgId, inherit: true);
        var catalogue = TestAcademies.Normandie();
        foreach (var query in Queries)
        {
            var result = TestAcademies.Search(catalogue, query, org, page: null);
            Assert.Equal(orgId, result.OrganizationId);
            Assert.All(result.Items, hit => Assert.True(offered.Contains(hit.ServiceId), $"'{query}' showed {hit.Service} › {hit.Subcategory} to organization {orgId}"));
            Assert.DoesNotContain(result.Items, hit => hit.ServiceSubcategoryId == 1066);
        }
    }

    [Fact]
    public void Establishments_inherit_the_academy_wide_offers()
    {
        var result = TestAcademies.Search(TestAcademies.Normandie(), "mot de passe", NormandieCatalogue.LyceeUai);
        Assert.Equal(1043, result.Items[0].ServiceSubcategoryId);
    }

    [Fact]
    public void Without_inheritance_only_the_organizations_own_contracts_count()
    {
        var profile = new CatalogueSearchProfile(new CatalogueSearchSettings { InheritParentOffers = false });
        var catalogue = TestAcademies.Normandie(profile: profile);
        Assert.Empty(TestAcademies.Search(catalogue, "mot de passe", NormandieCatalogue.LyceeUai, profile).Items);
    }

    [Fact]
    public void The_dsden_sees_its_own_application_others_do_not()
    {
        var catalogue = TestAcademies.Normandie();
        Assert.Contains(TestAcademies.Search(catalogue, "webmail", "DSDEN14").Items, hit => hit.ServiceSubcategoryId == 1068);
        Assert.DoesNotContain(TestAcademies.Search(catalogue, "webmail", NormandieCatalogue.RectoratCode).Items, hit => hit.ServiceSubcategoryId == 1068);
    }

    [Fact]
    public void An_unknown_organization_is_refused_not_widened()
    {
        var outcome = CatalogueSearchService.Search(TestAcademies.Normandie(), TestAcademies.DefaultProfile,
            new CatalogueSearchRequest("webmail", Organization: "9999999X"));
        Assert.Null(outcome.Result);
        Assert.Equal(404, outcome.Problem!.StatusCode);
    }

    private static HashSet<long> OfferedServices(long orgId, bool inherit)
    {
        var services = NormandieCatalogue.Offers.Where(offer => offer.OrgId == orgId).Select(offer => offer.ServiceId).ToHashSet();
        if (inherit)
        {
            services.UnionWith(NormandieCatalogue.Offers.Where(offer => offer.OrgId == NormandieCatalogue.AcademyOrg).Select(offer => offer.ServiceId));
        }
        return services;
    }
}
