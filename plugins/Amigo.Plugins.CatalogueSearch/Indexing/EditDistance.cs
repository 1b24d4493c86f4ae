namespace Amigo.Plugins.CatalogueSearch.Indexing;

/// <summary>Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two neighbours).</summary>
public static class EditDistance
{
    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/>, or <paramref name="max"/> + 1 when it exceeds <paramref name="max"/>.</summary>
    public static int Bounded(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }
        var columns = b.Length + 1;
        Span<int> previousPrevious = columns <= 64 ? stackalloc int[columns] : new int[columns];
        Span<int> previous = columns <= 64 ? stackalloc int[columns] : new int[columns];
        Span<int> current = columns <= 64 ? stackalloc int[columns] : new int[columns];
        for (var j = 0; j < columns; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j < columns; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previousPrevious[j - 2] + 1);
                }
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > max)
            {
                return max + 1;
            }
            var recycled = previousPrevious;
            previousPrevious = previous;
            previous = current;
            current = recycled;
        }
        return Math.Min(previous[columns - 1], max + 1);
    }

    /// <summary>
    /// Longest typed word that gets typo matching. Candidates are every variant with up to two letters deleted, about
    /// n²/2 strings for n letters: 300 for 24 letters, 33,000 (32 ms, 35 MB per search) for 256. French catalogue words
    /// stop well before 24 letters (« anticonstitutionnellement » has 25); a longer word is a paste or a code, still
    /// found exactly or as a prefix.
    /// </summary>
    public const int MaxTypoWordLength = 24;

    /// <summary>
    /// Longest indexed term given deletion variants: a typed word of <see cref="MaxTypoWordLength"/> letters is at
    /// most two edits from a term two letters longer, and no longer term can be reached.
    /// </summary>
    public const int MaxTypoTermLength = MaxTypoWordLength + 2;

    /// <summary>The edits allowed for a typed word of <paramref name="length"/> letters: 0 below 5, 1 for 5–8, 2 up to <see cref="MaxTypoWordLength"/>, 0 beyond.</summary>
    public static int AllowedFor(int length) => length switch
    {
        < 5 => 0,
        <= 8 => 1,
        <= MaxTypoWordLength => 2,
        _ => 0,
    };
}
