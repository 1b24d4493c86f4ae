namespace Amigo.Plugins.AutoClose.Decisions;

/// <summary>Machine-readable reasons recorded in the audit log and counted as <c>skipped.{reason}</c>.</summary>
public static class SkipReasons
{
    /// <summary>The ticket no longer exists in iTop.</summary>
    public const string NotFound = "not_found";
    /// <summary>Already closed (by the requester, an agent, or an earlier run).</summary>
    public const string AlreadyClosed = "already_closed";
    /// <summary>Back in an open or waiting status, or resolved again later than the synced resolution date.</summary>
    public const string Reopened = "reopened";
    /// <summary>In a status that is neither resolved, open, waiting nor closed.</summary>
    public const string NotResolved = "not_resolved";
    /// <summary>Resolved without a resolution date: the delay cannot be counted.</summary>
    public const string NoResolutionDate = "no_resolution_date";
    /// <summary>iTop's resolution date is older than the synced one: the copy is inconsistent, wait for the sync.</summary>
    public const string ResolutionDateMismatch = "resolution_date_mismatch";
    /// <summary>The requester wrote in the requester journal after the resolution.</summary>
    public const string RequesterReplied = "requester_replied";
    /// <summary>Someone else than the connector (e.g. an agent) wrote in the requester journal after the resolution.</summary>
    public const string JournalActivity = "journal_activity";
    /// <summary>The read just before the write saw another status or last update than the decision.</summary>
    public const string ChangedSinceDecision = "changed_since_decision";
    /// <summary>The audit log says this resolution was already closed by the connector, yet iTop shows it resolved: left to a person.</summary>
    public const string AlreadyClosedByConnector = "already_closed_by_connector";
    /// <summary>The reminder for this resolution was already written.</summary>
    public const string ReminderAlreadySent = "reminder_already_sent";
}
