namespace CatalogueSearchBench.LuceneNet;

/// <summary>
/// The catalogue in a Lucene.Net in-memory index (RAMDirectory), one document per visible subcategory, added in the
/// plugin's document order (domain, group, family, service, subcategory, id) so that the last tie-break is the same.
/// </summary>
public sealed class LuceneCatalogueIndex : IDisposable
{
    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly Dictionary<long, Filter> _scopeFilters = [];
    private readonly CatalogueScope _scope;

    private LuceneCatalogueIndex(RAMDirectory directory, DirectoryReader reader, LuceneTuning tuning, FrenchCatalogueAnalysis analysis, CatalogueScope scope, IReadOnlyDictionary<long, int> usage)
    {
        (_directory, _reader, _scope, Tuning, Analysis) = (directory, reader, scope, tuning, analysis);
        Searcher = new IndexSearcher(reader) { Similarity = SimilarityOf(tuning.Scoring) };
        var leaf = reader.Leaves.Single().AtomicReader;
        var ids = leaf.GetNumericDocValues(CatalogueFields.SubcategoryId);
        var order = leaf.GetNumericDocValues(CatalogueFields.Order);
        SubcategoryIds = new long[reader.MaxDoc];
        Usage = new int[reader.MaxDoc];
        Order = new int[reader.MaxDoc];
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            SubcategoryIds[doc] = ids.Get(doc);
            Order[doc] = (int)order.Get(doc);
            Usage[doc] = usage.GetValueOrDefault(SubcategoryIds[doc]);
        }
        FieldTerms = CatalogueFields.Text.Select(field => field.Field).Append(CatalogueFields.Acronym).ToDictionary(field => field, field => TermsOf(reader, field));
        Vocabulary = CatalogueFields.Text.SelectMany(field => FieldTerms[field.Field]).ToHashSet(StringComparer.Ordinal);
        StemOfSurface = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var surface in TermsOf(reader, CatalogueFields.Vocabulary))
        {
            if (FrenchCatalogueAnalysis.Terms(analysis.Index, surface) is [var stem])
            {
                StemOfSurface[surface] = stem;
            }
        }
    }

    public LuceneTuning Tuning { get; }

    public FrenchCatalogueAnalysis Analysis { get; }

    public IndexSearcher Searcher { get; }

    /// <summary>Every (stemmed) term of the text fields: a query word found here gets no fuzzy expansion (as in the plugin).</summary>
    public HashSet<string> Vocabulary { get; }

    /// <summary>Surface word of the vocabulary field → its index term (stop words have none).</summary>
    public Dictionary<string, string> StemOfSurface { get; }

    /// <summary>Each field's terms: a (field, term) pair that cannot match is not turned into a TermQuery.</summary>
    public Dictionary<string, HashSet<string>> FieldTerms { get; }

    /// <summary>Per Lucene doc id: the subcategory (what a hit returns, like the plugin's RowOf), its usage and its catalogue order.</summary>
    public long[] SubcategoryIds { get; }

    public int[] Usage { get; }

    public int[] Order { get; }

    public int Count => _reader.NumDocs;

    public IndexReader Reader => _reader;

    /// <summary>Bytes held by the RAMDirectory's files.</summary>
    public long DirectoryBytes => _directory.GetSizeInBytes();

    /// <summary>
    /// Indexes <paramref name="ordered"/> (the plugin index's entries, in its document order). Rows that the plugin
    /// would never offer (status not <c>production</c>) are left out rather than filtered at query time.
    /// </summary>
    public static LuceneCatalogueIndex Build(IEnumerable<CatalogueRow> ordered, LuceneTuning tuning, FrenchCatalogueAnalysis analysis, CatalogueScope scope, IReadOnlyDictionary<long, int> usage)
    {
        var directory = new RAMDirectory();
        var analyzer = new PerFieldAnalyzerWrapper(analysis.Index, new Dictionary<string, Analyzer> { [CatalogueFields.Vocabulary] = analysis.Surface });
        var config = new IndexWriterConfig(FrenchCatalogueAnalysis.Version, analyzer)
        {
            Similarity = SimilarityOf(tuning.Scoring),
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 256,
            MergePolicy = new LogByteSizeMergePolicy(),
        };
        using (var writer = new IndexWriter(directory, config))
        {
            var order = 0;
            foreach (var row in ordered)
            {
                order++;
                if (!IsVisible(row.ServiceStatus) || !IsVisible(row.SubcategoryStatus))
                {
                    continue;
                }
                writer.AddDocument(DocumentOf(row, order, tuning));
            }
            writer.ForceMerge(1);
            writer.Commit();
        }
        return new LuceneCatalogueIndex(directory, DirectoryReader.Open(directory), tuning, analysis, scope, usage);
    }

    /// <summary>The organization's services as a cached filter (FieldCacheTermsFilter over service ids), built once per organization like the plugin's scope masks.</summary>
    public Filter ScopeFilter(long orgId)
    {
        lock (_scopeFilters)
        {
            if (!_scopeFilters.TryGetValue(orgId, out var filter))
            {
                var services = _scope.ServicesOf(orgId).Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                _scopeFilters[orgId] = filter = new CachingWrapperFilter(new FieldCacheTermsFilter(CatalogueFields.ServiceId, services));
            }
            return filter;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    private static Document DocumentOf(CatalogueRow row, int order, LuceneTuning tuning)
    {
        var document = new Document
        {
            new TextField(CatalogueFields.Subcategory, row.SubcategoryName, Field.Store.NO),
            new TextField(CatalogueFields.Service, row.ServiceName, Field.Store.NO),
            new StringField(CatalogueFields.ServiceId, row.ServiceId.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.NO),
            new NumericDocValuesField(CatalogueFields.SubcategoryId, row.SubcategoryId),
            new NumericDocValuesField(CatalogueFields.Order, order),
        };
        foreach (var text in new[] { row.SubcategoryName, row.ServiceName, row.FamilyName, row.FamilyGroupName, row.DomainName, row.SubcategoryDescription, row.ServiceDescription })
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                document.Add(new Field(CatalogueFields.Vocabulary, text, VocabularyType));
            }
        }
        AddText(document, CatalogueFields.Family, row.FamilyName);
        AddText(document, CatalogueFields.Group, row.FamilyGroupName);
        AddText(document, CatalogueFields.Domain, row.DomainName);
        AddText(document, CatalogueFields.Description, row.SubcategoryDescription);
        AddText(document, CatalogueFields.Description, row.ServiceDescription);
        if (tuning.Acronyms)
        {
            foreach (var acronym in Acronyms.Of(row.SubcategoryName).Concat(Acronyms.Of(row.ServiceName)).Distinct())
            {
                document.Add(new StringField(CatalogueFields.Acronym, acronym, Field.Store.NO));
            }
        }
        return document;
    }

    private static HashSet<string> TermsOf(IndexReader reader, string field)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is null)
        {
            return set;
        }
        var enumerator = terms.GetEnumerator();
        while (enumerator.MoveNext())
        {
            set.Add(enumerator.Term.Utf8ToString());
        }
        return set;
    }

    private static readonly FieldType VocabularyType = new(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_ONLY,
        OmitNorms = true,
    };

    private static void AddText(Document document, string field, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            document.Add(new TextField(field, text, Field.Store.NO));
        }
    }

    private static bool IsVisible(string? status) => string.IsNullOrEmpty(status) || status == "production";

    private static Similarity SimilarityOf(LuceneScoring scoring) => scoring switch
    {
        LuceneScoring.Bm25 => new BM25Similarity(),
        LuceneScoring.ClassicTfIdf => new DefaultSimilarity(),
        _ => new FlatSimilarity(),
    };
}
