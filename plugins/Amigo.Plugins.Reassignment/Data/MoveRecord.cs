namespace Amigo.Plugins.Reassignment.Data;

/// <summary>What kind of move a row records.</summary>
public static class MoveKinds
{
    /// <summary>A team change inside the academy's own iTop.</summary>
    public const string Dispatch = "dispatch";
    /// <summary>A transfer to another academy's iTop instance.</summary>
    public const string Transfer = "transfer";
}

/// <summary>States of a move row.</summary>
public static class MoveStates
{
    /// <summary>Transfer decided, key recorded, nothing created yet (or the create's outcome is unknown).</summary>
    public const string Pending = "pending";
    /// <summary>Transfer created in the target iTop; the original is not closed yet.</summary>
    public const string Created = "created";
    /// <summary>Done.</summary>
    public const string Done = "done";
    /// <summary>Failed; the reason says why. A failed dispatch does not count against the window.</summary>
    public const string Failed = "failed";
}

/// <summary>One move made (or being made) by the connector, kept in table <c>reassign_moves</c>.</summary>
public sealed record MoveRecord
{
    /// <summary>Row id (0 before insert).</summary>
    public long Id { get; init; }
    /// <summary>Academy of the moved ticket.</summary>
    public required string AcademyId { get; init; }
    /// <summary>iTop id of the moved ticket.</summary>
    public required long TicketId { get; init; }
    /// <summary>Reference of the moved ticket.</summary>
    public required string TicketRef { get; init; }
    /// <summary>Rule that decided the move.</summary>
    public required string RuleName { get; init; }
    /// <summary><see cref="MoveKinds"/>.</summary>
    public required string Kind { get; init; }
    /// <summary>Team the ticket was taken away from.</summary>
    public long? FromTeamId { get; init; }
    /// <summary>Its name.</summary>
    public string? FromTeamName { get; init; }
    /// <summary>Team the ticket was sent to (in the target iTop for a transfer).</summary>
    public long? ToTeamId { get; init; }
    /// <summary>Its name.</summary>
    public string? ToTeamName { get; init; }
    /// <summary>Target academy of a transfer.</summary>
    public string? TargetAcademyId { get; init; }
    /// <summary>iTop id of the request created by a transfer.</summary>
    public long? TargetTicketId { get; init; }
    /// <summary>Reference of the request created by a transfer.</summary>
    public string? TargetRef { get; init; }
    /// <summary>Key that makes a transfer happen once.</summary>
    public string? IdempotencyKey { get; init; }
    /// <summary><see cref="MoveStates"/>.</summary>
    public required string State { get; init; }
    /// <summary>Why (the French motive, or the failure).</summary>
    public string? Reason { get; init; }
    /// <summary>Job run that made it.</summary>
    public long? JobRunId { get; init; }
    /// <summary>When the move was decided.</summary>
    public DateTimeOffset MovedAt { get; init; }
    /// <summary>Last state change.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
