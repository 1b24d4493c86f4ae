namespace Amigo.Connector.Contracts.Audit;

/// <summary>One operation iTop recorded for an object (a <c>CMDBChangeOp*</c>), with its change's user info.</summary>
/// <param name="OperationClass">E.g. <c>CMDBChangeOpSetAttributeScalar</c>, <c>CMDBChangeOpSetAttributeCaseLog</c>.</param>
/// <param name="ChangeId">The <c>CMDBChange</c> id.</param>
/// <param name="Date">When (iTop local time text).</param>
/// <param name="UserInfo">The change's <c>userinfo</c>: the <c>comment</c> of the REST call that made it.</param>
public sealed record ITopChangeOperation(string OperationClass, long? ChangeId, string? Date, string? UserInfo);

/// <summary>
/// iTop's own record of the connector's writes, read back after a crash so the next run knows whether a write happened
/// instead of guessing. Every write the connector makes to a ticket carries its idempotency key (<see cref="Marker"/>)
/// twice, in the same REST call: in the call's <c>comment</c>, which iTop stores as the <c>userinfo</c> of the write's
/// <c>CMDBChange</c> (origin <c>webservice-rest</c>), and in an entry of the ticket's agent journal (<c>private_log</c>,
/// <see cref="JournalAttribute"/>). iTop 3.2 lets no stock profile but Administrator read <c>CMDBChange*</c> through
/// REST (their category is <c>grant_by_profile</c> and the ITIL profiles grant the "History" group to none), while the
/// connector's agent account reads the journal: the journal is looked at first, and it is conclusive, since iTop writes
/// the journal entry and the rest of the call in one transaction.
/// </summary>
public static class ITopChangeHistory
{
    /// <summary>The (abstract) operation class read: every kind of operation answers.</summary>
    public const string OperationClass = "CMDBChangeOp";

    /// <summary>The case log each write also marks (the agent journal: requesters never see it).</summary>
    public const string JournalAttribute = "private_log";

    private static readonly string[] Fields = ["change", "date", "userinfo"];
    private static readonly string[] JournalFields = [JournalAttribute];

    /// <summary>The comment marker of a write: <c>[key]</c>.</summary>
    public static string Marker(string idempotencyKey) => $"[{idempotencyKey}]";

    /// <summary>The agent-journal line that marks a write (French: agents read it in iTop).</summary>
    public static string JournalLine(string what, string idempotencyKey) => $"{what} (connecteur Amigo, réf. {Marker(idempotencyKey)})";

    /// <summary>
    /// The evidence that <paramref name="className"/>::<paramref name="id"/> was written by a call carrying
    /// <see cref="Marker"/> of <paramref name="idempotencyKey"/>: its journal entry, else (for an account allowed to
    /// read it) its change history. Empty when iTop shows no such write.
    /// </summary>
    public static async Task<IReadOnlyList<ITopChangeOperation>> FindAsync(IITopClient itop, string className, long id, string idempotencyKey,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itop);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var marker = Marker(idempotencyKey);
        var ticket = (await itop.GetAsync(new ITopGetRequest(className, ITopKey.Id(id), JournalFields), cancellationToken)).Objects.SingleOrDefault();
        var marked = ticket?.GetCaseLog(JournalAttribute).Where(entry => entry.Message.Contains(marker, StringComparison.Ordinal))
            .Select(entry => new ITopChangeOperation("CaseLog:" + JournalAttribute, null, entry.LocalDate.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), entry.Message))
            .ToList() ?? [];
        if (marked.Count > 0) return marked;
        try
        {
            return await FindInHistoryAsync(itop, className, id, marker, cancellationToken);
        }
        catch (ITopException refused) when (refused.Code == ITopErrorCodes.Unauthorized)
        {
            return []; // the journal, read above, is conclusive
        }
    }

    private static async Task<IReadOnlyList<ITopChangeOperation>> FindInHistoryAsync(IITopClient itop, string className, long id, string marker,
        CancellationToken cancellationToken)
    {
        var query = Oql.Select(OperationClass)
            .Where("objclass", "=", className)
            .Where("objkey", "=", id)
            .WhereContains("userinfo", marker)
            .Build();
        var result = await itop.GetAsync(new ITopGetRequest(OperationClass, ITopKey.Query(query), Fields), cancellationToken);
        return result.Objects
            .Select(op => new ITopChangeOperation(op.ClassName, op.GetExternalKey("change"), op.GetString("date"), op.GetString("userinfo")))
            // LIKE folds case and accents in iTop: the marker is checked exactly here.
            .Where(op => op.UserInfo is { } info && info.Contains(marker, StringComparison.Ordinal))
            .ToList();
    }
}
