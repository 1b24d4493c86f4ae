namespace CatalogueSearchBench.LuceneNet;

/// <summary>
/// Lucene's classic TF-IDF without term frequency and length norm. Catalogue fields are labels of a few words:
/// « Webmail » appearing twice in a description, or a name being shorter than another, is no sign of relevance,
/// and the plugin's own scoring ignores both. Inverse document frequency (rarity) is kept.
/// </summary>
public sealed class FlatSimilarity : DefaultSimilarity
{
    public override float Tf(float freq) => freq > 0 ? 1f : 0f;

    public override float LengthNorm(FieldInvertState state) => state.Boost;
}
