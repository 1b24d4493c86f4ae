namespace Amigo.Plugins.CatalogueSearch.Analysis;

/// <summary>
/// An academy's synonyms, in the Solr-like format admins already know. Each rule is one line:
/// <list type="bullet">
/// <item><c>mail, courriel, messagerie</c> — equivalent: any of them finds all of them;</item>
/// <item><c>ordi, pc =&gt; poste de travail</c> — one way: the left side also finds the right side, not the reverse.</item>
/// </list>
/// Phrases may have several words (<c>mot de passe</c>); they are compared after analysis, so case, accents,
/// plurals and stop words do not matter.
/// </summary>
public sealed class SynonymRules
{
    private readonly Dictionary<string, List<string[]>> _expansions;

    private SynonymRules(Dictionary<string, List<string[]>> expansions, int longestPhrase)
    {
        _expansions = expansions;
        LongestPhrase = longestPhrase;
    }

    /// <summary>No synonyms.</summary>
    public static SynonymRules Empty { get; } = new(new Dictionary<string, List<string[]>>(StringComparer.Ordinal), 0);

    /// <summary>The number of words of the longest left-hand phrase.</summary>
    public int LongestPhrase { get; }

    /// <summary>The number of phrases that expand to something.</summary>
    public int Count => _expansions.Count;

    /// <summary>Problems in <paramref name="rules"/> (one per bad line), empty when all parse.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<string> rules, FrenchAnalyzer analyzer)
    {
        var problems = new List<string>();
        var number = 0;
        foreach (var rule in rules)
        {
            number++;
            if (!TryParse(rule, analyzer, out _, out _, out var problem))
            {
                problems.Add($"Synonyms[{number - 1}] '{rule}': {problem}");
            }
        }
        return problems;
    }

    /// <summary>Compiles <paramref name="rules"/>; throws <see cref="ArgumentException"/> on a bad line.</summary>
    public static SynonymRules Compile(IEnumerable<string> rules, FrenchAnalyzer analyzer)
    {
        var expansions = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        var longest = 0;
        foreach (var rule in rules)
        {
            if (!TryParse(rule, analyzer, out var left, out var right, out var problem))
            {
                throw new ArgumentException($"Synonym rule '{rule}': {problem}");
            }
            var targets = right ?? left;
            foreach (var phrase in left)
            {
                var key = string.Join(' ', phrase);
                if (!expansions.TryGetValue(key, out var list))
                {
                    expansions[key] = list = [];
                }
                foreach (var target in targets)
                {
                    if (!target.SequenceEqual(phrase) && !list.Any(existing => existing.SequenceEqual(target)))
                    {
                        list.Add(target);
                    }
                }
                longest = Math.Max(longest, phrase.Length);
            }
        }
        return new SynonymRules(expansions, longest);
    }

    /// <summary>The phrases (as stem sequences) a phrase expands to; empty when none.</summary>
    public IReadOnlyList<string[]> ExpansionsOf(ReadOnlySpan<string> stems)
    {
        var key = string.Join(' ', stems.ToArray());
        return _expansions.TryGetValue(key, out var list) ? list : [];
    }

    private static bool TryParse(string? rule, FrenchAnalyzer analyzer, out List<string[]> left, out List<string[]>? right, out string problem)
    {
        left = [];
        right = null;
        problem = "";
        if (string.IsNullOrWhiteSpace(rule))
        {
            problem = "empty rule";
            return false;
        }
        var sides = rule.Split("=>");
        if (sides.Length > 2)
        {
            problem = "more than one '=>'";
            return false;
        }
        left = ParsePhrases(sides[0], analyzer);
        if (sides.Length == 2)
        {
            right = ParsePhrases(sides[1], analyzer);
            if (left.Count == 0 || right.Count == 0)
            {
                problem = "each side of '=>' needs at least one phrase with a searchable word";
                return false;
            }
            return true;
        }
        if (left.Count < 2)
        {
            problem = "an equivalence needs at least two phrases separated by commas";
            return false;
        }
        return true;
    }

    private static List<string[]> ParsePhrases(string side, FrenchAnalyzer analyzer)
    {
        var phrases = new List<string[]>();
        foreach (var text in side.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var words = analyzer.Analyze(text);
            var stems = words.Where(word => !word.IsStopWord).Select(word => word.Stem).ToArray();
            if (stems.Length == 0)
            {
                stems = words.Select(word => word.Stem).ToArray();
            }
            if (stems.Length > 0 && !phrases.Any(existing => existing.SequenceEqual(stems)))
            {
                phrases.Add(stems);
            }
        }
        return phrases;
    }
}
