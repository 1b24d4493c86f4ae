using Amigo.Connector.ITop;

namespace Amigo.Connector.Contracts.Audit;

/// <summary>One operation iTop recorded for an object (a <c>CMDBChangeOp*</c>), with its change's user info.</summary>
/// <param name="OperationClass">E.g. <c>CMDBChangeOpSetAttributeScalar</c>, <c>CMDBChangeOpSetAttributeCaseLog</c>.</param>
/// <param name="ChangeId">The <c>CMDBChange</c> id.</param>
/// <param name="Date">When (iTop local time text).</param>
/// <param name="UserInfo">The change's <c>userinfo</c>: the <c>comment</c> of the REST call that made it.</param>
public sealed record ITopChangeOperation(string OperationClass, long? ChangeId, string? Date, string? UserInfo);

/// <summary>
/// iTop's own record of the connector's writes. iTop stores every REST write as a <c>CMDBChange</c> (origin
/// <c>webservice-rest</c>) whose <c>userinfo</c> is the call's <c>comment</c>, with one <c>CMDBChangeOp*</c> per
/// changed attribute (core/cmdbchange.class.inc.php, core/cmdbchangeop.class.inc.php). The connector puts a write's
/// idempotency key in its comment (<see cref="Marker"/>), so after a crash the next run asks iTop whether the write
/// happened instead of guessing.
/// </summary>
public static class ITopChangeHistory
{
    /// <summary>The (abstract) operation class read: every kind of operation answers.</summary>
    public const string OperationClass = "CMDBChangeOp";

    private static readonly string[] Fields = ["change", "date", "userinfo"];

    /// <summary>The comment marker of a write: <c>[key]</c>.</summary>
    public static string Marker(string idempotencyKey) => $"[{idempotencyKey}]";

    /// <summary>The operations on <paramref name="className"/>::<paramref name="id"/> made by a call whose comment carries <see cref="Marker"/> of <paramref name="idempotencyKey"/>.</summary>
    public static async Task<IReadOnlyList<ITopChangeOperation>> FindAsync(IITopClient itop, string className, long id, string idempotencyKey,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itop);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var marker = Marker(idempotencyKey);
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
