namespace CatalogueSearchBench.LuceneNet;

/// <summary>Which French stemmer of Lucene's analysis-common the chain ends with.</summary>
public enum LuceneStemmer
{
    /// <summary><c>FrenchLightStemFilter</c> (Savoy's light stemmer: plurals, feminine, a few derivational endings).</summary>
    Light,
    /// <summary><c>FrenchMinimalStemFilter</c> (plurals and a final mute e only: close to the plugin's own stemmer).</summary>
    Minimal,
}

/// <summary>How Lucene turns term statistics into scores (set on the writer for norms and on the searcher).</summary>
public enum LuceneScoring
{
    /// <summary><c>BM25Similarity</c> (k1 1.2, b 0.75): Lucene's modern default.</summary>
    Bm25,
    /// <summary><c>DefaultSimilarity</c>: Lucene 4.8's classic TF-IDF with length norms.</summary>
    ClassicTfIdf,
    /// <summary>TF-IDF without term frequency or length norm: catalogue names are short labels, a word counted twice or a shorter name says nothing about relevance.</summary>
    FlatTfIdf,
}

/// <summary>One configuration of the Lucene.Net engine, so that the benchmark can show what each choice is worth.</summary>
/// <param name="Name">Short label for the table.</param>
/// <param name="Stemmer">The French stemmer.</param>
/// <param name="Scoring">The similarity.</param>
/// <param name="Acronyms">Index the initials of 3–6-word name segments as a keyword field (the plugin's own trick; Lucene has no filter for it).</param>
/// <param name="Coord">Keep BooleanQuery's coord factor (rewards rows matching more of the query's words).</param>
/// <param name="TieBreaker">
/// DisjunctionMaxQuery tie-breaker: the share of the other matching (field, term) clauses added to the best one.
/// 0.05 gives a word found in both the subcategory and the service name about the plugin's +0.5 bonus (10 + 0.05 × 10).
/// </param>
/// <param name="MaxTypoEdits">Largest edit distance tried for typos: 2 as in the plugin (for words of 9+ letters), or 1 to spare Lucene the costly two-edit automata.</param>
public sealed record LuceneTuning(string Name, LuceneStemmer Stemmer, LuceneScoring Scoring, bool Acronyms, bool Coord, float TieBreaker = 0.05f, int MaxTypoEdits = 2)
{
    /// <summary>The variants the benchmark runs; the comparison details the one that ranks best on the labelled set.</summary>
    public static IReadOnlyList<LuceneTuning> Variants { get; } =
    [
        new("light, flat tf-idf, acronyms", LuceneStemmer.Light, LuceneScoring.FlatTfIdf, Acronyms: true, Coord: false),
        new("minimal, flat tf-idf, acronyms", LuceneStemmer.Minimal, LuceneScoring.FlatTfIdf, Acronyms: true, Coord: false),
        new("light, classic tf-idf, acronyms", LuceneStemmer.Light, LuceneScoring.ClassicTfIdf, Acronyms: true, Coord: false),
        new("light, BM25, acronyms", LuceneStemmer.Light, LuceneScoring.Bm25, Acronyms: true, Coord: false),
        new("light, flat tf-idf, coord", LuceneStemmer.Light, LuceneScoring.FlatTfIdf, Acronyms: true, Coord: true),
        new("light, flat tf-idf, no acronyms", LuceneStemmer.Light, LuceneScoring.FlatTfIdf, Acronyms: false, Coord: false),
        new("light, flat tf-idf, coord, tie-breaker 0", LuceneStemmer.Light, LuceneScoring.FlatTfIdf, Acronyms: true, Coord: true, TieBreaker: 0f),
        new("light, classic tf-idf, coord", LuceneStemmer.Light, LuceneScoring.ClassicTfIdf, Acronyms: true, Coord: true),
        new("light, classic tf-idf, coord, typos ≤ 1 edit", LuceneStemmer.Light, LuceneScoring.ClassicTfIdf, Acronyms: true, Coord: true, MaxTypoEdits: 1),
    ];
}
