namespace Amigo.Plugins.CatalogueSearch.Indexing;

/// <summary>A term's occurrence in one document (catalogue row) and the fields it occurs in.</summary>
/// <param name="Doc">Document number in the index.</param>
/// <param name="Fields">Fields of the row holding the term.</param>
public readonly record struct Posting(int Doc, CatalogueField Fields);
