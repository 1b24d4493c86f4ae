namespace Amigo.Plugins.CatalogueSearch.Requester;

/// <summary>
/// The requester page « Créer un ticket à partir d'un mot clé », served by an authenticating plugin (the ARENA bridge,
/// at <c>…/arena/catalogue/</c>) for a verified person:
/// <list type="bullet">
/// <item><c>""</c> — the whole page (<c>?q=…&amp;page=…</c>; a GET form, usable without JavaScript);</item>
/// <item><c>results</c> — the results fragment the script fetches while the person types;</item>
/// <item><c>choose?sub=ID</c> — counts the choice (academy, subcategory, day: nothing personal; a HEAD is not counted)
/// and redirects to the portal's creation form for that row, prefilled;</item>
/// <item><c>page.js</c>, <c>page.css</c> — the page's own script and style (no external resource).</item>
/// </list>
/// Results are scoped to the person's organizations (<see cref="RequesterSearch"/>).
/// </summary>
public sealed class CatalogueRequesterPage(
    CatalogueSearchService service,
    ICatalogueChoiceStore choices,
    TimeProvider time,
    ILogger<CatalogueRequesterPage> logger) : IRequesterPage
{
    private static readonly string[] SearchParameters = ["q", "page"];

    /// <inheritdoc />
    public string PluginId => CatalogueSearchSettings.PluginId;

    /// <inheritdoc />
    public string Segment => "catalogue";

    /// <inheritdoc />
    public async Task<IResult> HandleAsync(RequesterRequest request, CancellationToken cancellationToken) => request.SubPath switch
    {
        "" => await SearchAsync(request, fragment: false, cancellationToken),
        "results" => await SearchAsync(request, fragment: true, cancellationToken),
        "choose" => await ChooseAsync(request, cancellationToken),
        "page.js" => Asset("page.js", "text/javascript; charset=utf-8"),
        "page.css" => Asset("page.css", "text/css; charset=utf-8"),
        _ => Message(StatusCodes.Status404NotFound, request, "Cette page n'existe pas : revenez à la recherche."),
    };

    private async Task<IResult> SearchAsync(RequesterRequest request, bool fragment, CancellationToken cancellationToken)
    {
        var profile = service.ProfileOf(request.Academy);
        var settings = profile.Settings;
        var http = request.Http.Request;
        RequesterSearchOutcome outcome;
        if (StrictQueryString.Check(http, SearchParameters, "q") is { } refused)
        {
            outcome = new RequesterSearchOutcome(null, null, refused, [], false);
        }
        else
        {
            var query = http.Query.TryGetValue("q", out var q) ? q.ToString() : null;
            var page = http.Query.TryGetValue("page", out var p) ? p.ToString() : null;
            var catalogue = await service.Store.GetAsync(request.Academy.Id, profile, cancellationToken);
            outcome = RequesterSearch.Run(catalogue, profile, request.Person, query, page);
        }
        // Text that is not text (control characters, bytes that are not UTF-8) is not put back in the search box.
        if (outcome.Problem is { Code: "query_invalid_characters" })
            outcome = outcome with { Query = null };
        var status = outcome.Problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        var body = fragment
            ? CataloguePageHtml.Fragment(request, outcome, settings.MaxQueryLength)
            : CataloguePageHtml.Page(request, outcome, settings.MaxQueryLength, request.Academy.DisplayName);
        return new HtmlResult(status, body);
    }

    private async Task<IResult> ChooseAsync(RequesterRequest request, CancellationToken cancellationToken)
    {
        var profile = service.ProfileOf(request.Academy);
        var http = request.Http.Request;
        if (!http.Query.TryGetValue("sub", out var values) || values.Count != 1
            || !long.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var subcategoryId))
            return Message(StatusCodes.Status400BadRequest, request, "Ce lien de choix est incomplet : choisissez une ligne des résultats.");

        var catalogue = await service.Store.GetAsync(request.Academy.Id, profile, cancellationToken);
        var doc = catalogue.Index.DocOf(subcategoryId);
        if (doc < 0 || !RequesterSearch.AllowedFor(catalogue, profile, request.Person)[doc])
            return Message(StatusCodes.Status404NotFound, request,
                "Cette sous-catégorie de service n'existe pas ou n'est pas proposée à votre établissement : relancez la recherche.");

        var settings = profile.Settings;
        var key = settings.ResolvePortalKey();
        if (!PortalTokenCipher.IsWellFormedKey(key))
        {
            logger.LogError("Catalogue page of {Academy}: the portal key is {State}; set Plugins:catalogue:PortalKey (or PortalKeyFile) to iTop's portal-priv-key",
                request.Academy.Id, key is null ? "not set" : "malformed");
            return Message(StatusCodes.Status503ServiceUnavailable, request,
                "Le formulaire de demande ne peut pas être ouvert depuis cette page pour le moment (configuration incomplète). "
                + "Passez par « Nouvelle demande » du portail, et signalez-le à l'assistance.");
        }

        var row = catalogue.Index.RowOf(doc);
        var target = PortalFormLink.For(row, request.Portal, new PortalTokenCipher(key!, settings.PortalEncryptionLibrary), settings.PortalFormRoute);
        // A HEAD (a link checker, a prefetch) answers like a GET but is nobody's choice: only a GET is counted.
        if (HttpMethods.IsHead(http.Method)) return Results.Redirect(target);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), request.Academy.TimeZone).DateTime);
        try
        {
            await choices.RecordAsync(request.Academy.Id, subcategoryId, day, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The count only tunes the ranking: the person still gets their form.
            logger.LogWarning(exception, "Catalogue page of {Academy}: the choice of subcategory {Subcategory} was not counted", request.Academy.Id, subcategoryId);
        }
        return Results.Redirect(target);
    }

    private static HtmlResult Message(int status, RequesterRequest request, string text) =>
        new(status, CataloguePageHtml.Message(request.BasePath, text));

    private static HtmlResult Asset(string name, string contentType) => new(StatusCodes.Status200OK, PageAssets.Read(name), contentType, cacheable: true);
}

/// <summary>The page's script and style, embedded in the plugin.</summary>
internal static class PageAssets
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Read(string name) => Cache.GetOrAdd(name, static file =>
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream("Amigo.Plugins.CatalogueSearch.Requester.Assets." + file)
            ?? throw new InvalidOperationException($"Embedded asset {file} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
