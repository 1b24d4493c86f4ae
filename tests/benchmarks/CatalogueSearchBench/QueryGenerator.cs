namespace CatalogueSearchBench;

/// <summary>A benchmark query: text, the user's organization and, when labelled, the expected subcategory.</summary>
public sealed record BenchQuery(string Text, string Org, long? Expected);

/// <summary>Queries made from the generated catalogue the way people type: words of names, lower case, no accents, prefixes, typos.</summary>
public static class QueryGenerator
{
    public static List<BenchQuery> Generate(IReadOnlyList<CatalogueRow> rows, int count, int seed = 7)
    {
        var random = new Random(seed);
        var queries = new List<BenchQuery>(count);
        var generated = rows.Where(row => row.SubcategoryId >= 100_000).ToArray();
        while (queries.Count < count)
        {
            var row = generated[random.Next(generated.Length)];
            var words = (row.ServiceName + " " + row.SubcategoryName)
                .Split([' ', '(', ')', ',', '–', '\''], StringSplitOptions.RemoveEmptyEntries)
                .Where(word => word.Length > 2 && !FrenchStopWords.Default.Contains(TextFolding.Fold(word)))
                .ToArray();
            if (words.Length == 0)
            {
                continue;
            }
            var taken = words.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(4, words.Length) + 1)).ToArray();
            var kind = random.Next(4);
            var text = kind switch
            {
                0 => string.Join(' ', taken).ToLowerInvariant(),
                1 => TextFolding.Fold(string.Join(' ', taken)),
                2 => string.Join(' ', taken[..^1].Append(taken[^1][..Math.Max(2, taken[^1].Length / 2)])),
                _ => string.Join(' ', taken.Select(word => word.Length >= 6 ? Swap(word, random) : word)),
            };
            var org = random.Next(2) == 0 ? NormandieCatalogue.RectoratCode : NormandieCatalogue.LyceeUai;
            queries.Add(new BenchQuery(text, org, null));
        }
        return queries;
    }

    private static string Swap(string word, Random random)
    {
        var chars = word.ToCharArray();
        var i = random.Next(1, chars.Length - 1);
        (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        return new string(chars);
    }
}
