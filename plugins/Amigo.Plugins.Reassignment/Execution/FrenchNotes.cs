namespace Amigo.Plugins.Reassignment.Execution;

/// <summary>The French texts the plugin writes into tickets (agents and requesters read them).</summary>
public static class FrenchNotes
{
    /// <summary>iTop refuses descriptions above 64 KB; keep a margin for the markup iTop adds.</summary>
    public const int MaxDescriptionLength = 60_000;

    /// <summary>"académie de Montpellier" from an academy's display name or id.</summary>
    public static string AcademyName(string academyId, string? displayName)
    {
        if (!string.IsNullOrWhiteSpace(displayName))
            return char.ToLower(displayName[0], CultureInfo.GetCultureInfo("fr-FR")) + displayName[1..];
        var id = academyId.Trim();
        return id.Length == 0 ? "académie inconnue" : "académie de " + char.ToUpperInvariant(id[0]) + id[1..];
    }

    /// <summary>Why the rule moved the ticket, e.g. "établissement 0340024T rattaché à l'académie de Montpellier".</summary>
    public static string Motive(EstablishmentInfo establishment, string? establishmentAcademyName)
    {
        if (establishment.AcademyId is null || establishment.Input is null) return "conditions de la règle remplies";
        var uai = establishment.Input.Trim().ToUpperInvariant();
        var text = $"établissement {uai} rattaché à l'{establishmentAcademyName ?? AcademyName(establishment.AcademyId, null)}";
        if (establishment.RoutedUnchecked)
            text += $" (code UAI à lettre de contrôle incorrecte, orienté d'après son département {establishment.Departement})";
        return text;
    }

    /// <summary>The agent-journal note of a dispatch.</summary>
    public static string DispatchNote(string? fromTeam, string toTeam, string ruleName, string motive) =>
        $"Réaffectation automatique : équipe « {fromTeam ?? "aucune"} » → « {toTeam} » (règle « {ruleName} »). Motif : {motive}.";

    /// <summary>The agent-journal note left on the original of a transfer.</summary>
    public static string TransferNote(string? fromTeam, string targetAcademyName, string targetRef, string toTeam, string ruleName, string motive, string key) =>
        $"Transfert automatique : équipe « {fromTeam ?? "aucune"} » → « {toTeam} » ({targetAcademyName}), demande recréée sous la référence {targetRef} "
        + $"(règle « {ruleName} »). Motif : {motive}. Clé de transfert : {key}";

    /// <summary>The requester-journal note left on the original of a transfer.</summary>
    public static string TransferPublicNote(string targetAcademyName, string targetRef) =>
        $"Votre demande a été transmise à l'{targetAcademyName}, qui la traite désormais sous la référence {targetRef}.";

    /// <summary>The solution written when the original must be resolved before it can be closed.</summary>
    public static string TransferSolution(string targetAcademyName, string targetRef) =>
        $"Demande transférée à l'{targetAcademyName} (référence {targetRef}).";

    /// <summary>The agent-journal entry of the created request.</summary>
    public static string CreatedNote(string originalRef, string sourceAcademyName, string ruleName, string key) =>
        $"Demande transférée automatiquement depuis {originalRef} ({sourceAcademyName}), règle « {ruleName} ». Clé de transfert : {key}";

    /// <summary>The description of the created request: reference, motive, key, original text and both journals quoted.</summary>
    public static string TransferDescription(
        string originalRef, string sourceAcademyName, string motive, string key, string? originalDescription,
        IReadOnlyList<CaseLogEntry> publicLog, IReadOnlyList<CaseLogEntry> privateLog)
    {
        var head = new StringBuilder()
            .Append("<p>Demande transférée automatiquement depuis ").Append(Html(originalRef)).Append(" (").Append(Html(sourceAcademyName)).Append(").</p>")
            .Append("<p>Motif : ").Append(Html(motive)).Append(".</p>")
            .Append("<p>Clé de transfert : ").Append(Html(key)).Append("</p>")
            .Append("<h3>Description d'origine</h3>")
            .Append("<blockquote>").Append(string.IsNullOrWhiteSpace(originalDescription) ? "<p>(vide)</p>" : originalDescription).Append("</blockquote>");
        var history = new StringBuilder()
            .Append(Journal("Journal demandeur", publicLog))
            .Append(Journal("Journal intervenant", privateLog));
        var room = MaxDescriptionLength - head.Length;
        if (room < 200)
            return head.ToString(0, Math.Min(head.Length, MaxDescriptionLength - 100)) + "</blockquote><p>(description d'origine tronquée)</p>";
        if (history.Length > room)
            return head + history.ToString(0, room - 100) + "</blockquote><p>(historique tronqué)</p>";
        return head.Append(history).ToString();
    }

    private static string Journal(string title, IReadOnlyList<CaseLogEntry> entries)
    {
        var text = new StringBuilder().Append("<h3>").Append(title).Append("</h3>");
        if (entries.Count == 0) return text.Append("<p>(vide)</p>").ToString();
        text.Append("<blockquote>");
        foreach (var entry in entries)
            text.Append("<p><strong>").Append(entry.LocalDate.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
                .Append(" – ").Append(Html(entry.UserLogin)).Append("</strong> : ")
                .Append(Html(entry.Message).Replace("\n", "<br/>")).Append("</p>");
        return text.Append("</blockquote>").ToString();
    }

    // Only markup characters: accents stay readable in iTop's editor (WebUtility.HtmlEncode would turn them into entities).
    private static string Html(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
