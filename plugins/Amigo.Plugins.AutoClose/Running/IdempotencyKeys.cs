namespace Amigo.Plugins.AutoClose.Running;

/// <summary>
/// Audit idempotency keys. A close or reminder is tied to one resolution of one ticket (its iTop resolution
/// date): a ticket reopened and resolved again gets new keys, a second run over the same resolution finds the old ones.
/// </summary>
internal static class IdempotencyKeys
{
    public static string Close(TicketSnapshot ticket) => $"autoclose:close:{ticket.ITopId}:{Stamp(ticket)}";

    public static string Remind(TicketSnapshot ticket) => $"autoclose:remind:{ticket.ITopId}:{Stamp(ticket)}";

    /// <summary>The key of the outcome that follows a decision.</summary>
    public static string Done(string decisionKey) => decisionKey + ":done";

    public static string Skip(long itopId, string action, string reason, string? lastUpdate) =>
        $"autoclose:skip:{action}:{itopId}:{reason}:{lastUpdate ?? "none"}";

    private static string Stamp(TicketSnapshot ticket) =>
        ticket.ResolutionLocal?.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) ?? "none";
}
