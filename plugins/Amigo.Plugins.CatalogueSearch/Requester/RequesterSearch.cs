namespace Amigo.Plugins.CatalogueSearch.Requester;

/// <summary>What the requester page shows for one query.</summary>
/// <param name="Query">The query as typed (null or empty: nothing typed yet).</param>
/// <param name="Result">The page of rows (null when refused or nothing typed).</param>
/// <param name="Problem">Why the query was refused.</param>
/// <param name="Suggestions">Known catalogue words near what was typed, when nothing was found.</param>
/// <param name="NoOffer">The person's establishments have no offer in the catalogue (nothing can be shown).</param>
public sealed record RequesterSearchOutcome(
    string? Query,
    CatalogueSearchResult? Result,
    SearchProblem? Problem,
    IReadOnlyList<string> Suggestions,
    bool NoOffer);

/// <summary>
/// The search behind the requester page: the same validation, analysis and ranking as the API, scoped to what the
/// person's organizations may request (their iTop organization and every establishment of their identity known to
/// the catalogue, with parents' offers when inherited). A person whose organizations are unknown sees nothing,
/// never the whole catalogue.
/// </summary>
public static partial class RequesterSearch
{
    [System.Text.RegularExpressions.GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial System.Text.RegularExpressions.Regex WordSplitter { get; }

    private const int SuggestionsPerWord = 3;
    private const int MaxSuggestions = 6;

    /// <summary>The organizations whose offers the person may request.</summary>
    public static IReadOnlyList<long> OrganizationsOf(AcademyCatalogue catalogue, RequesterIdentity person)
    {
        var organizations = new List<long>();
        foreach (var reference in person.EstablishmentCodes.Prepend(person.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            if (catalogue.Scope.Resolve(reference) is { } id && !organizations.Contains(id)) organizations.Add(id);
        }
        return organizations;
    }

    /// <summary>The documents the person may see.</summary>
    public static bool[] AllowedFor(AcademyCatalogue catalogue, CatalogueSearchProfile profile, RequesterIdentity person) =>
        catalogue.AllowedDocs(OrganizationsOf(catalogue, person), profile.VisibleStatuses, profile.VisibleStatusesKey);

    /// <summary>Runs the query (no I/O).</summary>
    public static RequesterSearchOutcome Run(AcademyCatalogue catalogue, CatalogueSearchProfile profile, RequesterIdentity person, string? query, string? pageText)
    {
        var settings = profile.Settings;
        if (string.IsNullOrWhiteSpace(query) && (query is null || query.Length <= settings.MaxQueryLength))
            return new RequesterSearchOutcome(query, null, null, [], false);
        if (QueryValidator.Validate(query, settings.MaxQueryLength) is { } refused)
            return new RequesterSearchOutcome(query, null, refused, [], false);
        if (QueryValidator.ParsePage(pageText, settings.MaxPage, out var page) is { } badPage)
            return new RequesterSearchOutcome(query, null, badPage, [], false);

        var allowed = AllowedFor(catalogue, profile, person);
        if (!allowed.Contains(true))
            return new RequesterSearchOutcome(query, null, null, [], true);
        var result = CatalogueSearchService.Search(catalogue, profile, query!, allowed, person.OrganizationId, page, settings.PageSize);
        var suggestions = result.Total == 0 ? Suggest(catalogue, profile, query!, allowed) : [];
        return new RequesterSearchOutcome(query, result, null, suggestions, false);
    }

    /// <summary>
    /// For each typed word, the nearest words of the catalogue (deletion index, up to 2 edits) the person may
    /// request, in the spelling of a catalogue name (« réseau » rather than the stem <c>reseau</c>).
    /// </summary>
    public static IReadOnlyList<string> Suggest(AcademyCatalogue catalogue, CatalogueSearchProfile profile, string query, bool[] allowed)
    {
        var suggestions = new List<string>();
        foreach (var word in profile.Analyzer.Analyze(query))
        {
            if (word.IsStopWord || word.Folded.Length < 3) continue;
            var edits = word.Folded.Length >= 5 ? 2 : 1;
            foreach (var termId in catalogue.Index.NearestTerms(word.Stem, edits, allowed, SuggestionsPerWord))
            {
                var term = catalogue.Index.TermText(termId);
                if (term == word.Stem) continue;
                if (SurfaceOf(catalogue, termId, term, allowed) is { } surface && !suggestions.Contains(surface, StringComparer.Ordinal))
                    suggestions.Add(surface);
            }
        }
        return suggestions.Take(MaxSuggestions).ToList();
    }

    private static string? SurfaceOf(AcademyCatalogue catalogue, int termId, string term, bool[] allowed)
    {
        foreach (var doc in catalogue.Index.DocumentsOf(termId))
        {
            if (!allowed[doc]) continue;
            var row = catalogue.Index.RowOf(doc);
            foreach (var text in new[] { row.SubcategoryName, row.ServiceName, row.FamilyName, row.FamilyGroupName, row.DomainName })
            {
                if (text is null) continue;
                foreach (var token in WordSplitter.Split(text))
                {
                    if (token.Length > 0 && FrenchLightStemmer.Stem(TextFolding.Fold(token)) == term) return token.ToLowerInvariant();
                }
            }
        }
        return null;
    }
}
