namespace Amigo.Plugins.CatalogueSearch.Search;

/// <summary>Why a search request was refused.</summary>
/// <param name="Code">Machine-readable code, e.g. <c>query_too_long</c>.</param>
/// <param name="Message">Clear English message for the caller.</param>
/// <param name="StatusCode">HTTP status (400, or 404 for an unknown organization).</param>
public sealed record SearchProblem(string Code, string Message, int StatusCode = 400);

/// <summary>
/// Checks what a caller typed before anything else sees it: empty, blank, too long, control characters, invalid
/// UTF-8 (decoded as U+FFFD), lone surrogates or nothing searchable are refused with a clear message.
/// </summary>
public static class QueryValidator
{
    /// <summary>The problem with <paramref name="query"/>, or null when it may be searched.</summary>
    public static SearchProblem? Validate(string? query, int maxLength)
    {
        if (query is null || query.Length == 0)
        {
            return new SearchProblem("query_missing", "The query 'q' is required: type a keyword, e.g. 'webmail'.");
        }
        if (query.Length > maxLength)
        {
            return new SearchProblem("query_too_long", $"The query is {query.Length} characters long; at most {maxLength} are accepted.");
        }
        if (string.IsNullOrWhiteSpace(query))
        {
            return new SearchProblem("query_blank", "The query contains only spaces: type a keyword, e.g. 'webmail'.");
        }
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (char.IsHighSurrogate(c) && i + 1 < query.Length && char.IsLowSurrogate(query[i + 1]))
            {
                i++;
                continue;
            }
            if ((char.IsControl(c) && c != '\t') || char.IsSurrogate(c) || c is '\uFFFD' or '\uFFFE' or '\uFFFF')
            {
                return new SearchProblem(
                    "query_invalid_characters",
                    $"The query contains a control or non-text character (U+{(int)c:X4} at position {i + 1}); only printable text is accepted.");
            }
        }
        if (!query.Any(char.IsLetterOrDigit))
        {
            return new SearchProblem("query_no_terms", "The query has no letters or digits to search for.");
        }
        return null;
    }

    /// <summary>Parses a 1-based page number.</summary>
    public static SearchProblem? ParsePage(string? text, int maxPage, out int page)
    {
        page = 1;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > maxPage)
        {
            page = 1;
            return new SearchProblem("page_invalid", $"'page' must be a whole number from 1 to {maxPage}.");
        }
        return null;
    }

    /// <summary>Parses an optional page size.</summary>
    public static SearchProblem? ParsePageSize(string? text, int defaultSize, int maxSize, out int pageSize)
    {
        pageSize = defaultSize;
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > maxSize)
        {
            pageSize = defaultSize;
            return new SearchProblem("page_size_invalid", $"'pageSize' must be a whole number from 1 to {maxSize}.");
        }
        return null;
    }

    /// <summary>Checks an organization reference (iTop id or code).</summary>
    public static SearchProblem? ValidateOrganization(string? org)
    {
        if (org is null)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(org) || org.Length > 64 || org.Any(c => char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD'))
        {
            return new SearchProblem("org_invalid", "'org' must be an organization id or code of at most 64 printable characters.");
        }
        return null;
    }
}
