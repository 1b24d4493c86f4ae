namespace Amigo.Plugins.CatalogueSearch.Tests;

/// <summary>The behaviours of issue 6 on the Normandie catalogue of the portal guide (seed 000_315773630321b454.txt).</summary>
public sealed class NormandieSearchTests
{
    private static readonly Indexing.AcademyCatalogue Catalogue = TestAcademies.Normandie();

    private static CatalogueSearchResult Search(string query, string? org = NormandieCatalogue.RectoratCode) =>
        TestAcademies.Search(Catalogue, query, org);

    [Fact]
    public void Webmail_returns_the_four_rows_of_the_guide_first_with_their_five_levels()
    {
        var result = Search("webmail");

        var top = result.Items.Take(4).ToList();
        Assert.Equal(NormandieCatalogue.SeedWebmailRows.Order(), top.Select(hit => hit.ServiceSubcategoryId).Order());
        // The guide's table: Domaine, Groupe de famille, Famille, Service, Sous catégorie.
        Assert.Contains(top, hit => hit is
        {
            Domain: "Offre de services pour les services académiques",
            FamilyGroup: "Communication, partage et collaboration",
            Family: "Messagerie, liste de diffusion",
            Service: "Webmail académique",
            Subcategory: "Demande de service (Aide, conseil, paramétrage, ...)",
        });
        Assert.Contains(top, hit => hit is { Family: "Agenda", Service: "Agenda Webmail", Subcategory: "Dysfonctionnement (Anomalie, bug, données manquantes)" });
        Assert.All(top, hit =>
        {
            Assert.Equal("service_request", hit.RequestType);
            Assert.True(hit.ServiceId > 0);
        });
        Assert.All(result.Items.Skip(4), hit => Assert.True(hit.Score < top[^1].Score));
    }

    [Theory]
    [InlineData("WEBMAIL")]
    [InlineData("Webmail")]
    [InlineData("  webmail  ")]
    [InlineData("webmial")]
    [InlineData("wbemail")]
    [InlineData("web")]
    public void Case_typos_and_prefixes_find_the_same_four_rows(string query)
    {
        var ids = Search(query).Items.Take(4).Select(hit => hit.ServiceSubcategoryId).Order();
        Assert.Equal(NormandieCatalogue.SeedWebmailRows.Order(), ids);
    }

    [Fact]
    public void Courriel_finds_the_webmail_rows_through_the_synonyms()
    {
        var result = Search("courriel");
        Assert.Equal(NormandieCatalogue.SeedWebmailRows.Order(), result.Items.Take(4).Select(hit => hit.ServiceSubcategoryId).Order());
        Assert.All(result.Items, hit => Assert.True(
            hit.Service.Contains("Webmail", StringComparison.Ordinal) || hit.Family!.Contains("Messagerie", StringComparison.Ordinal),
            $"{hit.Service} › {hit.Subcategory} is not a messaging row"));
    }

    [Fact]
    public void Synonyms_can_be_turned_off()
    {
        var profile = new CatalogueSearchProfile(new CatalogueSearchSettings { UseDefaultSynonyms = false });
        var catalogue = TestAcademies.Normandie(profile: profile);
        Assert.Empty(TestAcademies.Search(catalogue, "courriel", NormandieCatalogue.RectoratCode, profile).Items);
    }

    [Theory]
    [InlineData("reseau")]
    [InlineData("RÉSEAU")]
    [InlineData("réseaux")]
    public void Reseau_without_accent_finds_Reseau(string query)
    {
        var first = Search(query).Items[0];
        Assert.Equal("Réseau", first.Service);
        Assert.Contains("réseau", first.Subcategory, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mot de passe")]
    [InlineData("mdp")]
    [InlineData("MDP")]
    [InlineData("mots de passe")]
    [InlineData("mot de passe oublié")]
    public void Password_queries_find_the_password_reset_first(string query) =>
        Assert.Equal(1043, Search(query).Items[0].ServiceSubcategoryId);

    [Fact]
    public void Prefix_messa_finds_the_messaging_family_while_typing()
    {
        var result = Search("messa");
        Assert.NotEmpty(result.Items);
        Assert.Equal("Messagerie, liste de diffusion", result.Items[0].Family);
        // A finished word is not a prefix: "messa " (with a space) must match "messa" exactly, which nothing does.
        Assert.Empty(Search("messa ").Items);
    }

    [Fact]
    public void Multi_word_queries_prefer_rows_matching_every_word()
    {
        Assert.Equal(1027, Search("imprimante en panne").Items[0].ServiceSubcategoryId);
        Assert.Equal(1032, Search("coupure réseau").Items[0].ServiceSubcategoryId);
        Assert.Equal(1015, Search("habilitation PUBLINET").Items[0].ServiceSubcategoryId);
    }

    [Theory]
    [InlineData("ENT")]
    [InlineData("E.N.T.")]
    [InlineData("espace numérique de travail")]
    public void Acronyms_and_their_expansion_meet(string query) =>
        Assert.Equal("ENT (Espace numérique de travail)", Search(query, NormandieCatalogue.LyceeUai).Items[0].Service);

    [Theory]
    [InlineData("wifi", 1030)]
    [InlineData("wi-fi", 1030)]
    [InlineData("Wi-Fi", 1030)]
    [InlineData("l'application arena", 1041)]
    [InlineData("application ARENA", 1041)]
    public void Apostrophes_and_hyphens_do_not_matter(string query, long expected) =>
        Assert.Equal(expected, Search(query).Items[0].ServiceSubcategoryId);

    [Fact]
    public void E_mail_with_a_hyphen_is_a_mail()
    {
        var ids = Search("e-mail").Items.Take(4).Select(hit => hit.ServiceSubcategoryId).Order();
        Assert.Equal(NormandieCatalogue.SeedWebmailRows.Order(), ids);
    }

    [Fact]
    public void Long_typos_get_two_edits_short_words_none()
    {
        Assert.Equal("Webmail académique", Search("messagrie").Items[0].Service);
        Assert.Equal(1043, Search("reinitialistion mot de pase").Items[0].ServiceSubcategoryId);
        // "ebt" is one edit from "ent" but three-letter words get no typo tolerance.
        Assert.Empty(Search("ebt", NormandieCatalogue.LyceeUai).Items);
    }

    [Fact]
    public void A_query_of_stop_words_only_still_answers() =>
        Assert.NotNull(Search("de la"));

    [Fact]
    public void Pages_hold_twenty_rows_and_continue_the_ranking()
    {
        var first = Search("service");
        Assert.Equal(20, first.PageSize);
        Assert.True(first.Total > 20, $"only {first.Total} rows");
        Assert.Equal(20, first.Items.Count);
        var second = TestAcademies.Search(Catalogue, "service", NormandieCatalogue.RectoratCode, page: "2");
        Assert.Equal(21, second.Items[0].Rank);
        Assert.Equal(Math.Min(20, first.Total - 20), second.Items.Count);
        Assert.Empty(first.Items.Select(hit => hit.ServiceSubcategoryId).Intersect(second.Items.Select(hit => hit.ServiceSubcategoryId)));
        Assert.Equal((first.Total + 19) / 20, first.TotalPages);
    }
}
