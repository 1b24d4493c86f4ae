namespace Amigo.Plugins.AutoClose.Decisions;

/// <summary>What to do with one ticket now.</summary>
public enum DecisionKind
{
    /// <summary>Due: close it.</summary>
    Close,
    /// <summary>In the reminder window: tell the requester.</summary>
    Remind,
    /// <summary>Leave it, for the recorded reason.</summary>
    Skip,
    /// <summary>Not due yet and nothing to say.</summary>
    Wait,
}

/// <summary>A decision on one ticket.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Reason">Why (<c>due</c>, <c>reminder_due</c>, <c>not_due</c> or a <see cref="SkipReasons"/> code).</param>
/// <param name="ResolvedAt">The resolution instant the decision counted from (iTop's).</param>
/// <param name="DueAt">When the ticket is (or was) due, when known.</param>
/// <param name="RemindAt">When the reminder is due, when reminders are on.</param>
/// <param name="Detail">Human detail (e.g. who wrote in the journal and when).</param>
public sealed record AutoCloseDecision(
    DecisionKind Kind,
    string Reason,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? RemindAt,
    string? Detail = null)
{
    /// <summary>A skip.</summary>
    public static AutoCloseDecision Skip(string reason, DateTimeOffset? resolvedAt = null, DateTimeOffset? dueAt = null, string? detail = null) =>
        new(DecisionKind.Skip, reason, resolvedAt, dueAt, null, detail);
}
