namespace Amigo.Connector.Host.Check;

/// <summary>
/// iTop's local time against the configured <c>ITop:TimeZone</c>. iTop writes <c>last_update</c> in its own local time
/// and REST has no clock verb (OQL <c>NOW()</c> is the database's zone, not iTop's), so the tickets tell: one dated
/// later than "now" in the configured zone (plus 5 minutes of clock skew) means iTop's clock runs in a zone ahead of
/// it — the incremental sync would then skip updates. Read with a literal, as the sync reads. A zone behind iTop's
/// shows only as tickets that look older; the newest is reported so that an admin can compare.
/// </summary>
internal static class ClockProbe
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public static async Task<CheckLine> RunAsync(string academy, IITopClient itop, TimeProvider time, string configPath, CancellationToken cancellationToken)
    {
        var zone = itop.TimeZone;
        var now = time.GetUtcNow();
        var limit = zone.ToITop(now + Skew);
        var future = await itop.GetAsync(new ITopGetRequest("UserRequest",
            ITopKey.Query(Oql.Select("UserRequest").Where("last_update", ">", limit).Build()), ["ref", "last_update"], Limit: 1, Page: 1), cancellationToken);
        var expected = zone.ToITop(now);
        if (future.TotalCount > 0)
        {
            var example = future.Objects.FirstOrDefault();
            return new CheckLine(academy, "iTop time zone", CheckOutcome.Failed,
                $"{future.TotalCount} ticket(s) changed after now in {zone.Zone.Id} ({expected}), e.g. {example?.GetString("ref")} at {example?.GetString("last_update")}: iTop's local time is ahead of the configured zone",
                $"set {configPath}:ITop:TimeZone to iTop's zone (the 'timezone' of its config-itop.php), or fix iTop's server clock");
        }

        return new CheckLine(academy, "iTop time zone", CheckOutcome.Passed,
            $"no ticket changed later than now in {zone.Zone.Id} ({expected}, 5 min of skew allowed)");
    }
}
