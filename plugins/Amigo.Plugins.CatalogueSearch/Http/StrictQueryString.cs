namespace Amigo.Plugins.CatalogueSearch.Http;

/// <summary>
/// The strict reading of a search's query string, shared by the API and the requester page: each parameter given at
/// most once, and the percent-encoded bytes of the text parameter valid UTF-8. ASP.NET leaves an invalid sequence such
/// as <c>%C3%28</c> undecoded, which would turn binary input into an innocent-looking search.
/// </summary>
public static class StrictQueryString
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The first problem of <paramref name="request"/>'s query string: one of <paramref name="parameters"/> repeated
    /// (<c>parameter_repeated</c>), or <paramref name="textParameter"/> not valid UTF-8 (<c>query_invalid_characters</c>);
    /// null when there is none. Each caller writes the problem in its own format.
    /// </summary>
    public static SearchProblem? Check(HttpRequest request, IReadOnlyList<string> parameters, string textParameter)
    {
        foreach (var name in parameters)
        {
            if (request.Query.TryGetValue(name, out var values) && values.Count > 1)
            {
                return new SearchProblem("parameter_repeated", $"'{name}' must be given once.");
            }
        }
        return IsValidUtf8(request.QueryString.Value, textParameter)
            ? null
            : new SearchProblem("query_invalid_characters", "The query is not valid UTF-8 text (binary or wrongly encoded bytes).");
    }

    /// <summary>Whether every value of <paramref name="name"/> in the raw <paramref name="queryString"/> decodes as UTF-8.</summary>
    public static bool IsValidUtf8(string? queryString, string name)
    {
        if (string.IsNullOrEmpty(queryString))
        {
            return true;
        }
        foreach (var pair in queryString.TrimStart('?').Split('&'))
        {
            var separator = pair.IndexOf('=');
            var key = separator < 0 ? pair : pair[..separator];
            if (!string.Equals(Uri.UnescapeDataString(key.Replace('+', ' ')), name, StringComparison.Ordinal) || separator < 0)
            {
                continue;
            }
            if (!TryDecode(pair.AsSpan(separator + 1)))
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryDecode(ReadOnlySpan<char> encoded)
    {
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '%' && i + 2 < encoded.Length
                && byte.TryParse(encoded.Slice(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var value))
            {
                bytes.Add(value);
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add(c == '+' ? (byte)' ' : (byte)c);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }
        try
        {
            Strict.GetString(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
