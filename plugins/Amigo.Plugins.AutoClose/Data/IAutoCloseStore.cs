namespace Amigo.Plugins.AutoClose.Data;

/// <summary>What the plugin reads from and marks in the connector database.</summary>
public interface IAutoCloseStore
{
    /// <summary>Synced tickets in one of <paramref name="statuses"/>, resolved no later than <paramref name="resolvedNoLaterThan"/>, oldest resolution first.</summary>
    Task<IReadOnlyList<CandidateTicket>> FindCandidatesAsync(string academyId, IReadOnlyList<string> statuses, DateTimeOffset resolvedNoLaterThan, CancellationToken cancellationToken);

    /// <summary>Marks the synced copy as closed by the connector (the sync brings the new status).</summary>
    Task MarkClosedByConnectorAsync(string academyId, long itopId, CancellationToken cancellationToken);
}
