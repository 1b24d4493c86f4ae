using FrenchLightStemFilter = Lucene.Net.Analysis.Fr.FrenchLightStemFilter;
using FrenchMinimalStemFilter = Lucene.Net.Analysis.Fr.FrenchMinimalStemFilter;

namespace CatalogueSearchBench.LuceneNet;

/// <summary>
/// The French analysis chains of the Lucene.Net engine, built only from Lucene's own filters:
/// StandardTokenizer → ElisionFilter (French articles) → LowerCaseFilter → ASCIIFoldingFilter → StopFilter →
/// French light or minimal stemmer, plus a SynonymFilter at query time fed with the plugin's built-in rules.
/// </summary>
public sealed class FrenchCatalogueAnalysis
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Lucene's FrenchAnalyzer.DEFAULT_ARTICLES: l' m' t' qu' n' s' j' d' c' jusqu' quoiqu' lorsqu' puisqu'.
    private static readonly CharArraySet Articles = new(Version,
        ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"], ignoreCase: true);

    /// <summary>Builds the chains for one stemmer.</summary>
    public FrenchCatalogueAnalysis(LuceneStemmer stemmer, IEnumerable<string> synonymRules)
    {
        Stemmer = stemmer;
        StopWords = BuildStopWords();
        Index = Analyzer.NewAnonymous((_, reader) => Chain(reader, synonyms: null));
        Surface = Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            return new TokenStreamComponents(source, Fold(source));
        });
        Synonyms = BuildSynonyms(synonymRules);
        Query = Analyzer.NewAnonymous((_, reader) => Chain(reader, Synonyms));
    }

    /// <summary>The stemmer in use.</summary>
    public LuceneStemmer Stemmer { get; }

    /// <summary>Lucene's French stop words plus the plugin's (search-box filler such as « bonjour », « svp »), all folded.</summary>
    public CharArraySet StopWords { get; }

    /// <summary>Index-time chain (no synonyms: they are expanded on the query side, as the plugin does).</summary>
    public Analyzer Index { get; }

    /// <summary>Query-time chain: the index chain plus the synonym filter.</summary>
    public Analyzer Query { get; }

    /// <summary>Folding only (no stop words, no stemming): the surface form of the word being typed, for prefix queries.</summary>
    public Analyzer Surface { get; }

    /// <summary>The compiled synonym map.</summary>
    public SynonymMap Synonyms { get; }

    private TokenStreamComponents Chain(TextReader reader, SynonymMap? synonyms)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new StopFilter(Version, Fold(source), StopWords);
        stream = Stemmer == LuceneStemmer.Light ? new FrenchLightStemFilter(stream) : new FrenchMinimalStemFilter(stream);
        if (synonyms is not null)
        {
            stream = new SynonymFilter(stream, synonyms, ignoreCase: false);
        }
        return new TokenStreamComponents(source, stream);
    }

    private static TokenStream Fold(TokenStream source) =>
        new ASCIIFoldingFilter(new LowerCaseFilter(Version, new ElisionFilter(source, Articles)));

    private static CharArraySet BuildStopWords()
    {
        var words = new CharArraySet(Version, 256, ignoreCase: true);
        foreach (var word in Lucene.Net.Analysis.Fr.FrenchAnalyzer.DefaultStopSet)
        {
            words.Add(TextFolding.Fold(word));
        }
        foreach (var word in FrenchStopWords.Default)
        {
            words.Add(word);
        }
        return words;
    }

    /// <summary>
    /// Solr-format rules (<c>a, b, c</c> equivalence; <c>a, b =&gt; c</c> one way, keeping the original as the plugin
    /// does). Each phrase goes through the index chain first. SolrSynonymParser cannot be used as is: our StopFilter
    /// leaves position gaps (« mot de passe » → mot _ passe) and SynonymMap.Builder refuses phrases with holes, so
    /// the phrases are analysed here and joined without the gaps, which is what the filter then sees at query time.
    /// </summary>
    private SynonymMap BuildSynonyms(IEnumerable<string> rules)
    {
        var builder = new SynonymMap.Builder(dedup: true);
        foreach (var rule in rules)
        {
            var sides = rule.Split("=>");
            var left = Phrases(sides[0]);
            var right = sides.Length == 2 ? Phrases(sides[1]) : left;
            foreach (var input in left)
            {
                foreach (var output in right)
                {
                    if (input != output)
                    {
                        builder.Add(Join(input), Join(output), includeOrig: true);
                    }
                }
            }
        }
        return builder.Build();
    }

    private List<string> Phrases(string side) =>
        side.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(phrase => string.Join(' ', Terms(Index, phrase)))
            .Where(phrase => phrase.Length > 0)
            .Distinct()
            .ToList();

    private static CharsRef Join(string phrase) => SynonymMap.Builder.Join(phrase.Split(' '), new CharsRef());

    /// <summary>The terms <paramref name="analyzer"/> makes of <paramref name="text"/>.</summary>
    public static List<string> Terms(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }
}
