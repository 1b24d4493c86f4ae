namespace Amigo.Plugins.AutoClose.Decisions;

/// <summary>A resolved ticket as the sync copied it into the connector database (table <c>tickets</c>).</summary>
/// <param name="ITopId">iTop id.</param>
/// <param name="Ref">Reference, e.g. <c>R-002137</c>.</param>
/// <param name="Status">Status code at the last sync.</param>
/// <param name="ResolutionDate">Resolution instant at the last sync.</param>
public sealed record CandidateTicket(long ITopId, string Ref, string Status, DateTimeOffset ResolutionDate);
