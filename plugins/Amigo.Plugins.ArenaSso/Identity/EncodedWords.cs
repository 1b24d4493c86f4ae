namespace Amigo.Plugins.ArenaSso.Identity;

/// <summary>
/// RFC 2047 encoded words in identity headers (<c>=?UTF-8?B?Tm/Dq2w=?=</c>, <c>=?ISO-8859-1?Q?No=EBl?=</c>): some
/// proxies send non-ASCII names that way. Decoded strictly: an unknown charset or a malformed word is a problem to
/// report, never guessed at.
/// </summary>
internal static partial class EncodedWords
{
    [GeneratedRegex(@"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=")]
    private static partial Regex Word();

    [GeneratedRegex(@"(\?=)\s+(=\?)")]
    private static partial Regex GapBetweenWords();

    /// <summary>Decodes every encoded word of <paramref name="value"/>; false with the reason when one cannot be decoded.</summary>
    public static bool TryDecode(string value, out string decoded, out string? problem)
    {
        decoded = value;
        problem = null;
        if (!value.Contains("=?", StringComparison.Ordinal)) return true;
        // White space between two adjacent encoded words is not part of the text (RFC 2047 §6.2).
        var text = GapBetweenWords().Replace(value, "$1$2");
        string? failure = null;
        var result = Word().Replace(text, match =>
        {
            if (failure is not null) return match.Value;
            var charset = match.Groups[1].Value.Split('*')[0]; // RFC 2231 language suffix: =?UTF-8*fr?…
            var encoding = Strict(charset);
            if (encoding is null)
            {
                failure = $"encoded word in charset '{charset}', which the bridge does not decode (UTF-8, ISO-8859-1, US-ASCII)";
                return match.Value;
            }
            var bytes = match.Groups[2].Value is "B" or "b" ? FromBase64(match.Groups[3].Value) : FromQ(match.Groups[3].Value);
            if (bytes is null)
            {
                failure = $"malformed encoded word '{match.Value}'";
                return match.Value;
            }
            try
            {
                return encoding.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                failure = $"encoded word '{match.Value}' is not valid {charset}";
                return match.Value;
            }
        });
        if (failure is not null)
        {
            problem = failure;
            return false;
        }
        decoded = result;
        return true;
    }

    private static Encoding? Strict(string charset) => charset.ToUpperInvariant() switch
    {
        "UTF-8" or "UTF8" => new UTF8Encoding(false, throwOnInvalidBytes: true),
        "ISO-8859-1" or "ISO8859-1" or "LATIN1" => Encoding.Latin1,
        "US-ASCII" or "ASCII" => Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback),
        _ => null,
    };

    private static byte[]? FromBase64(string text)
    {
        try { return Convert.FromBase64String(text); }
        catch (FormatException) { return null; }
    }

    private static byte[]? FromQ(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '_') bytes.Add((byte)' ');
            else if (c != '=') bytes.Add(c < 128 ? (byte)c : (byte)'?');
            else if (i + 2 < text.Length && byte.TryParse(text.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else return null;
        }
        return [.. bytes];
    }
}
