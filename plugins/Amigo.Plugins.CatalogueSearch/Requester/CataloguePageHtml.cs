namespace Amigo.Plugins.CatalogueSearch.Requester;

/// <summary>
/// The requester page's HTML, in French: the whole page (works without JavaScript: a GET form) and the results
/// fragment the script swaps in while the person types. Every value that comes from the request or the catalogue goes
/// through <see cref="HtmlEncoder"/> (and URL values through <c>Uri.EscapeDataString</c> first); nothing is
/// written raw but the markup below.
/// </summary>
public static class CataloguePageHtml
{
    /// <summary>Page title (the portal guide's wording).</summary>
    public const string Title = "Créer un ticket à partir d'un mot clé";

    // French letters stay readable in the source; markup characters (< > & " ') are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Column headers, in the tutorial's order.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["Domaine de service", "Groupe de famille", "Famille de service", "Service", "Sous catégorie de service"];

    /// <summary>HTML-encodes <paramref name="text"/>.</summary>
    public static string E(string? text) => text is null ? "" : Encoder.Encode(text);

    /// <summary>The whole page.</summary>
    public static string Page(RequesterRequest request, RequesterSearchOutcome outcome, int maxQueryLength, string academyName)
    {
        var basePath = request.BasePath;
        var portalHome = $"{request.Portal.AppRootUrl}pages/exec.php?exec_module=itop-portal-base&exec_page=index.php&portal_id={Uri.EscapeDataString(request.Portal.PortalId)}";
        var html = new StringBuilder(8192);
        Head(html, Title + " — " + academyName, basePath, withScript: true);
        html.Append("<body>\n<header class=\"entete\">\n")
            .Append("<p>").Append(E(academyName)).Append(" — assistance · ").Append(E(request.Person.DisplayName)).Append("</p>\n")
            .Append("<p><a href=\"").Append(E(portalHome)).Append("\">Retour au portail d'assistance</a></p>\n")
            .Append("</header>\n<main>\n<h1>").Append(E(Title)).Append("</h1>\n")
            .Append("<form role=\"search\" method=\"get\" action=\"").Append(E(basePath)).Append("\" data-results=\"").Append(E(basePath + "results")).Append("\">\n")
            .Append("<label for=\"q\">Rechercher un service par mot clé</label>\n")
            .Append("<div class=\"saisie\"><input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\" autofocus")
            .Append(" maxlength=\"").Append(maxQueryLength.ToString(CultureInfo.InvariantCulture)).Append('"')
            .Append(" aria-describedby=\"aide\" aria-controls=\"resultats\" value=\"").Append(E(outcome.Query ?? "")).Append("\">\n")
            .Append("<button type=\"submit\">Rechercher</button></div>\n")
            .Append("<p id=\"aide\" class=\"aide\">Les résultats s'affichent pendant la saisie. Choisissez ensuite la sous-catégorie de service ")
            .Append("(touche Tab puis Entrée) pour ouvrir le formulaire de demande du portail, déjà rempli.</p>\n")
            .Append("</form>\n")
            .Append("<p id=\"statut\" class=\"statut\" role=\"status\" aria-live=\"polite\">").Append(E(Summary(outcome))).Append("</p>\n")
            .Append("<div id=\"resultats\">\n").Append(Fragment(request, outcome, maxQueryLength)).Append("</div>\n")
            .Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>
    /// The start of every page this plugin serves, up to <c>&lt;/head&gt;</c>: French, UTF-8, the page's own style and,
    /// when <paramref name="withScript"/>, its own script (nothing external: the bridge's policy allows only 'self').
    /// </summary>
    public static void Head(StringBuilder html, string title, string basePath, bool withScript)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"").Append(E(basePath + "page.css")).Append("\">\n");
        if (withScript) html.Append("<script src=\"").Append(E(basePath + "page.js")).Append("\" defer></script>\n");
        html.Append("</head>\n");
    }

    /// <summary>A page that only says <paramref name="text"/> (an error), with a link back to the search.</summary>
    public static string Message(string basePath, string text)
    {
        var html = new StringBuilder(1024);
        Head(html, Title, basePath, withScript: false);
        html.Append("<body>\n<main>\n<h1>").Append(E(Title)).Append("</h1>\n<p class=\"message erreur\" role=\"alert\">").Append(E(text)).Append("</p>\n")
            .Append("<p><a href=\"").Append(E(basePath)).Append("\">Retour à la recherche</a></p>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The results region's content: a message, or the table and its pagination.</summary>
    public static string Fragment(RequesterRequest request, RequesterSearchOutcome outcome, int maxQueryLength)
    {
        var html = new StringBuilder(4096);
        html.Append("<div class=\"contenu\" data-summary=\"").Append(E(Summary(outcome))).Append("\">\n");
        if (outcome.Problem is { } problem)
        {
            html.Append("<p class=\"message erreur\">").Append(E(FrenchMessages.For(problem, outcome.Query, maxQueryLength))).Append("</p>\n");
        }
        else if (outcome.NoOffer)
        {
            html.Append("<p class=\"message\">").Append(E(FrenchMessages.NoOffer)).Append("</p>\n");
        }
        else if (outcome.Result is not { } result)
        {
            html.Append("<p class=\"message\">").Append(E(FrenchMessages.Guidance)).Append("</p>\n");
        }
        else if (result.Total == 0)
        {
            NoResult(html, request, outcome);
        }
        else
        {
            Table(html, request, result);
        }
        html.Append("</div>\n");
        return html.ToString();
    }

    /// <summary>One sentence for the live region (what a screen reader announces after each keystroke).</summary>
    public static string Summary(RequesterSearchOutcome outcome) => outcome switch
    {
        { Problem: not null } => "Recherche refusée.",
        { NoOffer: true } => "Aucun service proposé à votre établissement.",
        { Result: null } => "",
        { Result.Total: 0 } => $"Aucun résultat pour « {outcome.Query} ».",
        { Result: { } r } => string.Create(CultureInfo.InvariantCulture,
            $"{r.Total} {(r.Total == 1 ? "résultat" : "résultats")} pour « {outcome.Query} », page {r.Page} sur {Math.Max(1, r.TotalPages)}."),
    };

    private static void NoResult(StringBuilder html, RequesterRequest request, RequesterSearchOutcome outcome)
    {
        html.Append("<p class=\"message\">Aucun résultat pour « ").Append(E(outcome.Query)).Append(" ».</p>\n");
        if (outcome.Suggestions.Count > 0)
        {
            html.Append("<p class=\"suggestions\">Vouliez-vous dire : ");
            for (var i = 0; i < outcome.Suggestions.Count; i++)
            {
                if (i > 0) html.Append(", ");
                SearchLink(html, request, outcome.Suggestions[i], 1, outcome.Suggestions[i]);
            }
            html.Append(" ?</p>\n");
        }
        html.Append("<p class=\"aide\">Vérifiez l'orthographe, essayez un mot plus général (« messagerie », « réseau », « compte ») ")
            .Append("ou décrivez le service plutôt que le problème.</p>\n");
    }

    private static void Table(StringBuilder html, RequesterRequest request, CatalogueSearchResult result)
    {
        var pages = Math.Max(1, result.TotalPages);
        html.Append("<table class=\"resultats\">\n<caption>Services correspondant à « ").Append(E(result.Query)).Append(" » — ")
            .Append(result.Total.ToString(CultureInfo.InvariantCulture)).Append(result.Total == 1 ? " résultat" : " résultats")
            .Append(", page ").Append(result.Page.ToString(CultureInfo.InvariantCulture)).Append(" sur ").Append(pages.ToString(CultureInfo.InvariantCulture))
            .Append(". Choisissez la sous-catégorie de service pour ouvrir le formulaire de demande.</caption>\n<thead><tr>");
        foreach (var column in Columns) html.Append("<th scope=\"col\">").Append(E(column)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var hit in result.Items)
        {
            html.Append("<tr data-subcategory=\"").Append(hit.ServiceSubcategoryId.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append("<td>").Append(E(hit.Domain)).Append("</td>")
                .Append("<td>").Append(E(hit.FamilyGroup)).Append("</td>")
                .Append("<td>").Append(E(hit.Family)).Append("</td>")
                .Append("<th scope=\"row\">").Append(E(hit.Service)).Append("</th>")
                .Append("<td><a rel=\"nofollow\" href=\"")
                .Append(E(request.BasePath + "choose?sub=" + hit.ServiceSubcategoryId.ToString(CultureInfo.InvariantCulture)))
                .Append("\" aria-label=\"").Append(E($"{hit.Subcategory} — {hit.Service} : ouvrir le formulaire de demande")).Append("\">")
                .Append(E(hit.Subcategory)).Append("</a></td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        if (pages > 1) Pagination(html, request, result, pages);
    }

    private static void Pagination(StringBuilder html, RequesterRequest request, CatalogueSearchResult result, int pages)
    {
        html.Append("<nav class=\"pages\" aria-label=\"Pages de résultats\"><ul>");
        if (result.Page > 1)
        {
            html.Append("<li>");
            SearchLink(html, request, result.Query, result.Page - 1, "Page précédente");
            html.Append("</li>");
        }
        var first = Math.Max(1, result.Page - 4);
        var last = Math.Min(pages, first + 9);
        for (var page = first; page <= last; page++)
        {
            html.Append("<li>");
            if (page == result.Page)
                html.Append("<span aria-current=\"page\">").Append(page.ToString(CultureInfo.InvariantCulture)).Append("</span>");
            else
                SearchLink(html, request, result.Query, page, page.ToString(CultureInfo.InvariantCulture), $"Page {page.ToString(CultureInfo.InvariantCulture)}");
            html.Append("</li>");
        }
        if (result.Page < pages)
        {
            html.Append("<li>");
            SearchLink(html, request, result.Query, result.Page + 1, "Page suivante");
            html.Append("</li>");
        }
        html.Append("</ul></nav>\n");
    }

    /// <summary>A link to a search: the whole page as <c>href</c> (no JavaScript needed), the fragment for the script.</summary>
    private static void SearchLink(StringBuilder html, RequesterRequest request, string query, int page, string text, string? label = null)
    {
        var parameters = "?q=" + Uri.EscapeDataString(query) + (page > 1 ? "&page=" + page.ToString(CultureInfo.InvariantCulture) : "");
        html.Append("<a href=\"").Append(E(request.BasePath + parameters)).Append("\" data-fragment=\"").Append(E(request.BasePath + "results" + parameters)).Append('"');
        if (label is not null) html.Append(" aria-label=\"").Append(E(label)).Append('"');
        html.Append('>').Append(E(text)).Append("</a>");
    }
}
