namespace Amigo.Plugins.CatalogueSearch.Analysis;

/// <summary>
/// Folds French text for matching: lower case, accents removed (é è ê à ç → e e e a c), ligatures expanded
/// (œ → oe, æ → ae), typographic apostrophes and dashes unified to <c>'</c> and <c>-</c>.
/// </summary>
public static class TextFolding
{
    // Latin-1 Supplement to Spacing Modifiers, folded once at start-up so that folding a query costs no Unicode normalisation.
    private const int TableStart = 0x80;
    private const int TableEnd = 0x300;
    private static readonly string?[] Table = BuildTable();

    /// <summary>The folded form of <paramref name="text"/>.</summary>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            AppendFolded(builder, c);
        }
        return builder.ToString();
    }

    private static void AppendFolded(StringBuilder builder, char c)
    {
        if (c < TableStart)
        {
            builder.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
            return;
        }
        if (c < TableEnd)
        {
            builder.Append(Table[c - TableStart]);
            return;
        }
        switch (c)
        {
            case '\u2018' or '\u2019' or '\u02BC' or '\u2032' or '\u201B':
                builder.Append('\'');
                return;
            case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212':
                builder.Append('-');
                return;
            case '\u0152' or '\u0153':
                builder.Append("oe");
                return;
        }
        if (char.IsSurrogate(c))
        {
            builder.Append(' ');
            return;
        }
        builder.Append(FoldSlow(c));
    }

    private static string?[] BuildTable()
    {
        var table = new string?[TableEnd - TableStart];
        for (var c = TableStart; c < TableEnd; c++)
        {
            table[c - TableStart] = (char)c switch
            {
                'œ' or 'Œ' => "oe",
                'æ' or 'Æ' => "ae",
                'ß' => "ss",
                'ø' or 'Ø' => "o",
                'đ' or 'Đ' => "d",
                'ł' or 'Ł' => "l",
                '\u00B4' or '\u0060' => "'",
                '\u00A0' => " ",
                _ => FoldSlow((char)c),
            };
        }
        return table;
    }

    private static string FoldSlow(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var part in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(part));
            }
        }
        return builder.ToString();
    }
}
