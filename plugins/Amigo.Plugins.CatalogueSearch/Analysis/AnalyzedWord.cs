namespace Amigo.Plugins.CatalogueSearch.Analysis;

/// <summary>
/// One word of analysed text. A hyphenated compound (<c>wi-fi</c>, <c>e-mail</c>) keeps its joined form
/// (<c>wifi</c>) as <see cref="Stem"/> and its meaningful parts in <see cref="PartStems"/>; a dotted acronym
/// (<c>E.N.T.</c>) is joined (<c>ent</c>).
/// </summary>
/// <param name="Folded">Folded surface form (compounds joined), e.g. <c>reseaux</c>.</param>
/// <param name="Stem">Light stem of <paramref name="Folded"/>, e.g. <c>reseau</c>.</param>
/// <param name="PartStems">Stems of a compound's parts that are worth matching alone (empty otherwise).</param>
/// <param name="IsStopWord">Whether the word is a stop word.</param>
/// <param name="Segment">Index of the punctuation-delimited segment the word belongs to (for acronyms).</param>
public sealed record AnalyzedWord(string Folded, string Stem, IReadOnlyList<string> PartStems, bool IsStopWord, int Segment);
