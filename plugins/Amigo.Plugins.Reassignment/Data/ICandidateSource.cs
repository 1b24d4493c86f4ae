namespace Amigo.Plugins.Reassignment.Data;

/// <summary>Where candidate tickets come from: the synced <c>tickets</c> table (each is re-read from iTop before a move).</summary>
public interface ICandidateSource
{
    /// <summary>The academy's live tickets in these status groups, by id.</summary>
    IAsyncEnumerable<TicketFacts> CandidatesAsync(string academyId, IReadOnlyCollection<StatusGroup> groups, CancellationToken cancellationToken);
}
