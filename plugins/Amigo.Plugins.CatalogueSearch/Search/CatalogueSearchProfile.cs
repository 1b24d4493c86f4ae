namespace Amigo.Plugins.CatalogueSearch.Search;

/// <summary>An academy's settings compiled for searching: analyzer, synonym rules, query parser.</summary>
public sealed class CatalogueSearchProfile
{
    /// <summary>Compiles <paramref name="settings"/> (already validated).</summary>
    public CatalogueSearchProfile(CatalogueSearchSettings settings)
    {
        Settings = settings;
        var stopWords = new HashSet<string>(FrenchStopWords.Default, StringComparer.Ordinal);
        foreach (var word in settings.ExtraStopWords)
        {
            stopWords.Add(TextFolding.Fold(word.Trim()));
        }
        Analyzer = settings.ExtraStopWords.Count == 0 ? FrenchAnalyzer.Default : new FrenchAnalyzer(stopWords);
        AnalyzerSignature = string.Join(',', settings.ExtraStopWords.Select(word => TextFolding.Fold(word.Trim())).Order(StringComparer.Ordinal));
        Synonyms = SynonymRules.Compile(settings.EffectiveSynonyms, Analyzer);
        Parser = new QueryParser(Analyzer, Synonyms, settings.MaxQueryTerms);
        VisibleStatuses = settings.EffectiveVisibleStatuses;
        VisibleStatusesKey = string.Join(',', VisibleStatuses.Select(status => status.ToLowerInvariant()).Order(StringComparer.Ordinal));
    }

    /// <summary>The settings.</summary>
    public CatalogueSearchSettings Settings { get; }

    /// <summary>The analyzer (French stop words plus the academy's).</summary>
    public FrenchAnalyzer Analyzer { get; }

    /// <summary>What changes the index terms: an index built under another signature is rebuilt in full.</summary>
    public string AnalyzerSignature { get; }

    /// <summary>The compiled synonym rules.</summary>
    public SynonymRules Synonyms { get; }

    /// <summary>The query parser.</summary>
    public QueryParser Parser { get; }

    /// <summary>Statuses offered.</summary>
    public IReadOnlySet<string> VisibleStatuses { get; }

    /// <summary>A stable key of <see cref="VisibleStatuses"/> (for caches).</summary>
    public string VisibleStatusesKey { get; }
}
