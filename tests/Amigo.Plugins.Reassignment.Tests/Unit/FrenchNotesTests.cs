namespace Amigo.Plugins.Reassignment.Tests.Unit;

public sealed class FrenchNotesTests
{
    [Fact]
    public void The_dispatch_note_names_both_teams_the_rule_and_the_motive()
    {
        var establishment = new EstablishmentResolver(new DepartementAcademies()).Resolve("0340024T", acceptUnchecked: true);
        var motive = FrenchNotes.Motive(establishment, FrenchNotes.AcademyName("montpellier", "Académie de Montpellier"));

        var note = FrenchNotes.DispatchNote("Équipe support Académie de Toulouse", "DSI Plateforme Assistance MPL", "Établissements de Montpellier", motive);

        Assert.StartsWith(
            "Réaffectation automatique : équipe « Équipe support Académie de Toulouse » → « DSI Plateforme Assistance MPL » (règle « Établissements de Montpellier »). "
            + "Motif : établissement 0340024T rattaché à l'académie de Montpellier", note);
        Assert.Contains("lettre de contrôle incorrecte", note);
    }

    [Fact]
    public void The_transfer_description_stays_under_iTop_limit_and_keeps_the_key()
    {
        var huge = Enumerable.Range(0, 400).Select(i => new CaseLogEntry(new DateTime(2026, 11, 20, 10, 0, 0), "Agent", 3, new string('x', 500) + i, "")).ToList();

        var text = FrenchNotes.TransferDescription("R-000064", "académie de Toulouse", "motif", "amigo-transfer-toulouse-64-normandie",
            "<p>Écran noir</p>", huge, huge);

        Assert.True(text.Length <= FrenchNotes.MaxDescriptionLength, $"{text.Length} characters");
        Assert.Contains("amigo-transfer-toulouse-64-normandie", text);
        Assert.Contains("R-000064", text);
        Assert.Contains("historique tronqué", text);
    }

    [Fact]
    public void Journals_are_quoted_with_html_escaped()
    {
        var log = new[] { new CaseLogEntry(new DateTime(2026, 11, 20, 10, 0, 0), "Hélène Martin", 11, "<script>x</script>\nligne 2", "") };

        var text = FrenchNotes.TransferDescription("R-1", "académie de Toulouse", "m", "k", null, log, []);

        Assert.Contains("&lt;script&gt;x&lt;/script&gt;<br/>ligne 2", text);
        Assert.Contains("<h3>Journal demandeur</h3><blockquote>", text);
        Assert.Contains("<h3>Journal intervenant</h3><p>(vide)</p>", text);
    }
}
