namespace Amigo.Plugins.CatalogueSearch.Indexing;

/// <summary>A dense score array with the list of documents touched, so clearing costs only what was used.</summary>
internal sealed class ScoreBuffer(int size)
{
    public float[] Scores { get; } = new float[size];

    public List<int> Touched { get; } = [];

    public void Max(int doc, float value)
    {
        var current = Scores[doc];
        if (current == 0f)
        {
            Touched.Add(doc);
            Scores[doc] = value;
        }
        else if (value > current)
        {
            Scores[doc] = value;
        }
    }

    public void Clear()
    {
        foreach (var doc in Touched)
        {
            Scores[doc] = 0f;
        }
        Touched.Clear();
    }
}

/// <summary>
/// Per-thread working memory of a search (score arrays as large as the catalogue). Reusing it keeps a search free
/// of large allocations, hence of the garbage collections that would otherwise dominate the tail latency.
/// </summary>
internal sealed class ScoringScratch
{
    [ThreadStatic]
    private static ScoringScratch? _cached;

    private readonly List<ScoreBuffer> _tokenBuffers = [];

    private ScoringScratch(int size)
    {
        Size = size;
        Total = new float[size];
        Concept = new ScoreBuffer(size);
    }

    public int Size { get; }

    public float[] Total { get; }

    public List<int> Matched { get; } = [];

    public ScoreBuffer Concept { get; }

    /// <summary>Sort keys of the ranking (one per matched document).</summary>
    public long[] Keys => _keys ??= new long[Size];

    private long[]? _keys;

    public static ScoringScratch Rent(int size)
    {
        var scratch = _cached;
        _cached = null;
        return scratch is not null && scratch.Size == size ? scratch : new ScoringScratch(size);
    }

    public ScoreBuffer[] TokenBuffers(int count)
    {
        while (_tokenBuffers.Count < count)
        {
            _tokenBuffers.Add(new ScoreBuffer(Size));
        }
        return _tokenBuffers.GetRange(0, count).ToArray();
    }

    public void Return()
    {
        foreach (var doc in Matched)
        {
            Total[doc] = 0f;
        }
        Matched.Clear();
        _cached = this;
    }
}

/// <summary>The documents a query matched and their scores; dispose to give the working memory back.</summary>
public readonly struct ScoredDocuments : IDisposable
{
    private readonly ScoringScratch _scratch;

    internal ScoredDocuments(ScoringScratch scratch) => _scratch = scratch;

    /// <summary>Matched documents, in no particular order.</summary>
    public IReadOnlyList<int> Docs => _scratch.Matched;

    /// <summary>Working space for one sort key per document.</summary>
    public long[] KeyBuffer => _scratch.Keys;

    /// <summary>Score of a document (0 when not matched).</summary>
    public float ScoreOf(int doc) => _scratch.Total[doc];

    /// <inheritdoc />
    public void Dispose() => _scratch.Return();
}
