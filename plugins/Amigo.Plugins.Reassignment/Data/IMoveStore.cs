namespace Amigo.Plugins.Reassignment.Data;

/// <summary>The plugin's memory of its moves: ping-pong guards, transfer idempotency, the moves endpoint.</summary>
public interface IMoveStore
{
    /// <summary>Whether <paramref name="ruleName"/> moved the ticket (successfully or in progress) since <paramref name="since"/>.</summary>
    Task<bool> HasMoveByRuleSinceAsync(string academyId, long ticketId, string ruleName, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Whether the connector ever moved the ticket away from this team.</summary>
    Task<bool> HasMovedAwayFromAsync(string academyId, long ticketId, long teamId, CancellationToken cancellationToken);

    /// <summary>When the connector last moved the ticket (a team change iTop's assignment date may not show).</summary>
    Task<DateTimeOffset?> LastMoveAtAsync(string academyId, long ticketId, CancellationToken cancellationToken);

    /// <summary>Inserts a move; returns its id. A transfer whose key exists already returns the existing row's id.</summary>
    Task<long> AddAsync(MoveRecord move, CancellationToken cancellationToken);

    /// <summary>Updates the state of a move (and, for a transfer, what was created).</summary>
    Task UpdateAsync(long id, string state, string? reason, long? targetTicketId, string? targetRef, CancellationToken cancellationToken);

    /// <summary>The move carrying this transfer key, or null.</summary>
    Task<MoveRecord?> FindByKeyAsync(string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Transfers of the academy not finished yet (<c>pending</c> or <c>created</c>).</summary>
    Task<IReadOnlyList<MoveRecord>> UnfinishedTransfersAsync(string academyId, CancellationToken cancellationToken);

    /// <summary>The academy's most recent moves, newest first.</summary>
    Task<IReadOnlyList<MoveRecord>> RecentAsync(string academyId, int limit, CancellationToken cancellationToken);
}
