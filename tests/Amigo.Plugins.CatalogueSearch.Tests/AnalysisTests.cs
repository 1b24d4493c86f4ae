namespace Amigo.Plugins.CatalogueSearch.Tests;

public sealed class AnalysisTests
{
    [Theory]
    [InlineData("Réseau et Wi-Fi", "reseau et wi-fi")]
    [InlineData("ÉLÈVE Ça À Ê ï ô û", "eleve ca a e i o u")]
    [InlineData("Œuvre cœur Æsop", "oeuvre coeur aesop")]
    [InlineData("l’application – e‑mail", "l'application - e-mail")]
    public void Fold_removes_case_accents_and_ligatures(string text, string expected) =>
        Assert.Equal(expected, TextFolding.Fold(text));

    [Fact]
    public void Elided_articles_are_dropped_and_stop_words_flagged()
    {
        var words = FrenchAnalyzer.Default.Analyze("Accès à l'application d’Éléa");
        Assert.Equal(["acces", "a", "application", "elea"], words.Select(word => word.Folded));
        Assert.Equal([false, true, false, false], words.Select(word => word.IsStopWord));
    }

    [Theory]
    [InlineData("Wi-Fi", "wifi", new[] { "wi", "fi" })]
    [InlineData("e-mail", "email", new[] { "mail" })]
    public void Hyphenated_compounds_keep_joined_form_and_parts(string text, string joined, string[] parts)
    {
        var word = Assert.Single(FrenchAnalyzer.Default.Analyze(text));
        Assert.Equal(joined, word.Stem);
        Assert.Equal(parts, word.PartStems);
    }

    [Theory]
    [InlineData("E.N.T.")]
    [InlineData("e.n.t")]
    [InlineData("ENT")]
    public void Dotted_acronyms_are_joined(string text) =>
        Assert.Equal("ent", Assert.Single(FrenchAnalyzer.Default.Analyze(text)).Stem);

    [Theory]
    [InlineData("comptes", "compte")]
    [InlineData("réseaux", "réseau")]
    [InlineData("élèves", "élève")]
    [InlineData("locaux", "local")]
    [InlineData("mots", "mot")]
    [InlineData("données", "donnée")]
    [InlineData("logiciels", "logiciel")]
    public void Plural_and_singular_share_a_stem(string plural, string singular) =>
        Assert.Equal(FrenchLightStemmer.Stem(TextFolding.Fold(singular)), FrenchLightStemmer.Stem(TextFolding.Fold(plural)));

    [Theory]
    [InlineData("webmial", "webmail", 1)]
    [InlineData("messagri", "messageri", 1)]
    [InlineData("abc", "abc", 0)]
    [InlineData("reseau", "resaeu", 1)]
    [InlineData("kitten", "sitting", 3)]
    public void Damerau_levenshtein_counts_swaps_as_one_edit(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Bounded(a, b, 5));

    [Fact]
    public void Distance_is_cut_off_above_the_bound() =>
        Assert.Equal(2, EditDistance.Bounded("kitten", "sitting", 1));

    [Theory]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(8, 1)]
    [InlineData(9, 2)]
    public void Typo_budget_scales_with_word_length(int length, int edits) =>
        Assert.Equal(edits, EditDistance.AllowedFor(length));

    [Fact]
    public void Words_within_the_budget_share_a_deletion_variant()
    {
        Assert.True(DeletionVariants.Of("webmial", 1).Overlaps(DeletionVariants.Of("webmail", 1)));
        Assert.False(DeletionVariants.Of("webmail", 1).Overlaps(DeletionVariants.Of("agenda", 1)));
    }

    [Fact]
    public void Synonym_rules_expand_both_ways_or_one_way()
    {
        var rules = SynonymRules.Compile(["mail, courriel, messagerie", "ordi, pc => poste de travail"], FrenchAnalyzer.Default);
        Assert.Contains(rules.ExpansionsOf(["courriel"]), phrase => phrase.SequenceEqual(["mail"]));
        Assert.Contains(rules.ExpansionsOf(["mail"]), phrase => phrase.SequenceEqual(["messageri"]));
        Assert.Contains(rules.ExpansionsOf(["ordi"]), phrase => phrase.SequenceEqual(["post", "travail"]));
        Assert.Empty(rules.ExpansionsOf(["post", "travail"]));
    }

    [Theory]
    [InlineData("mail")]
    [InlineData("a => ")]
    [InlineData("a => b => c")]
    [InlineData("   ")]
    public void Bad_synonym_rules_are_reported(string rule)
    {
        Assert.Single(SynonymRules.Validate([rule], FrenchAnalyzer.Default));
        Assert.Throws<ArgumentException>(() => SynonymRules.Compile([rule], FrenchAnalyzer.Default));
    }

    [Fact]
    public void Default_synonyms_all_compile() =>
        Assert.Empty(SynonymRules.Validate(DefaultSynonyms.Rules, FrenchAnalyzer.Default));
}
