namespace Amigo.Plugins.CatalogueSearch.Http;

/// <summary>
/// Checks that the percent-encoded bytes of a query-string parameter are valid UTF-8. ASP.NET leaves an invalid
/// sequence such as <c>%C3%28</c> undecoded, which would turn binary input into an innocent-looking search.
/// </summary>
public static class StrictQueryString
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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
