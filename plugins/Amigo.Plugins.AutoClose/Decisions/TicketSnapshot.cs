namespace Amigo.Plugins.AutoClose.Decisions;

/// <summary>A ticket as read from iTop just now, with exactly the fields the decision needs.</summary>
/// <param name="ITopId">iTop id.</param>
/// <param name="Ref">Reference.</param>
/// <param name="Status">Status code.</param>
/// <param name="ResolutionLocal">Resolution date in iTop's local time; null when empty.</param>
/// <param name="LastUpdate">iTop's <c>last_update</c> text, compared as sent (no time-zone round trip).</param>
/// <param name="CallerName">The requester's full name (<c>caller_id_friendlyname</c>).</param>
/// <param name="PublicLog">The requester journal, in insertion order.</param>
public sealed record TicketSnapshot(
    long ITopId,
    string Ref,
    string Status,
    DateTime? ResolutionLocal,
    string LastUpdate,
    string? CallerName,
    IReadOnlyList<CaseLogEntry> PublicLog)
{
    /// <summary>The iTop class the plugin closes.</summary>
    public const string ClassName = "UserRequest";

    /// <summary>The explicit field list of every read (never <c>*</c>).</summary>
    public static IReadOnlyList<string> OutputFields { get; } =
        ["id", "ref", "status", "resolution_date", "last_update", "caller_id", "caller_id_friendlyname", "public_log"];

    /// <summary>Reads a snapshot from an iTop answer.</summary>
    public static TicketSnapshot From(ITopObject ticket) => new(
        ticket.Key,
        ticket.GetString("ref") ?? $"#{ticket.Key}",
        ticket.GetString("status") ?? "",
        ticket.GetLocalDateTime("resolution_date"),
        ticket.GetString("last_update") ?? "",
        ticket.GetString("caller_id_friendlyname"),
        ticket.GetCaseLog("public_log"));

    /// <summary>What the pre-write check compares: the state the decision was made on.</summary>
    public object Fingerprint => new { status = Status, last_update = LastUpdate, resolution_date = ResolutionLocal?.ToString(ITopTimeZone.Format) };
}
