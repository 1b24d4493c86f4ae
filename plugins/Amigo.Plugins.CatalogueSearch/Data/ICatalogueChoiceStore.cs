namespace Amigo.Plugins.CatalogueSearch.Data;

/// <summary>
/// Counts the rows chosen on the requester page, per academy, subcategory and day; nothing about who chose. The
/// ranking's usage adds these counts to the synced tickets of each subcategory.
/// </summary>
public interface ICatalogueChoiceStore
{
    /// <summary>Adds one choice of <paramref name="subcategoryId"/> on <paramref name="day"/> (the academy's calendar day).</summary>
    Task RecordAsync(string academyId, long subcategoryId, DateOnly day, CancellationToken cancellationToken);
}
