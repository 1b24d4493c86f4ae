namespace Amigo.Plugins.CatalogueSearch.Analysis;

/// <summary>
/// Splits French text into words: folding, elision (<c>l'application</c> → <c>application</c>), hyphenated
/// compounds, dotted acronyms, stop words and light stemming. The same analysis serves the index and the queries,
/// which is what makes their terms meet.
/// </summary>
public sealed class FrenchAnalyzer
{
    private static readonly HashSet<string> Elisions = new(StringComparer.Ordinal)
    {
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
    };

    private readonly IReadOnlySet<string> _stopWords;

    /// <summary>An analyzer with <paramref name="stopWords"/> (folded); the French defaults when null.</summary>
    public FrenchAnalyzer(IReadOnlySet<string>? stopWords = null) => _stopWords = stopWords ?? FrenchStopWords.Default;

    /// <summary>The analyzer with the built-in stop words.</summary>
    public static FrenchAnalyzer Default { get; } = new();

    /// <summary>Whether a folded word is a stop word.</summary>
    public bool IsStopWord(string folded) => _stopWords.Contains(folded);

    /// <summary>The words of <paramref name="text"/>, stop words included (flagged).</summary>
    public List<AnalyzedWord> Analyze(string text)
    {
        var folded = TextFolding.Fold(text);
        var words = new List<AnalyzedWord>();
        var parts = new List<string>();
        var segment = 0;
        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (c is '(' or ')' or ',' or ';' or ':' or '/' or '[' or ']' or '|')
                {
                    segment++;
                }
                i++;
                continue;
            }

            parts.Clear();
            var dotted = false;
            while (true)
            {
                var start = i;
                while (i < folded.Length && char.IsLetterOrDigit(folded[i]))
                {
                    i++;
                }
                var part = folded[start..i];
                var next = i < folded.Length ? folded[i] : '\0';
                var afterNext = i + 1 < folded.Length ? folded[i + 1] : '\0';
                if (next == '\'' && char.IsLetter(afterNext) && parts.Count == 0 && Elisions.Contains(part))
                {
                    // "l'application": the elided article is dropped and the word starts after the apostrophe.
                    i++;
                    continue;
                }
                parts.Add(part);
                if (next == '-' && char.IsLetterOrDigit(afterNext))
                {
                    i++;
                    continue;
                }
                if (next == '.' && part.Length == 1 && char.IsLetter(afterNext) && (i + 2 >= folded.Length || !char.IsLetterOrDigit(folded[i + 2])))
                {
                    dotted = true;
                    i++;
                    continue;
                }
                if (dotted && next == '.')
                {
                    i++;
                }
                break;
            }
            words.Add(MakeWord(parts, dotted, segment));
        }
        return words;
    }

    private AnalyzedWord MakeWord(List<string> parts, bool dotted, int segment)
    {
        var joined = parts.Count == 1 ? parts[0] : string.Concat(parts);
        if (parts.Count == 1 || dotted)
        {
            return new AnalyzedWord(joined, FrenchLightStemmer.Stem(joined), [], _stopWords.Contains(joined), segment);
        }
        var partStems = new List<string>(parts.Count);
        foreach (var part in parts)
        {
            if (part.Length >= 2 && !_stopWords.Contains(part))
            {
                partStems.Add(FrenchLightStemmer.Stem(part));
            }
        }
        return new AnalyzedWord(joined, FrenchLightStemmer.Stem(joined), partStems, false, segment);
    }
}
