namespace Amigo.Connector.Host.Check;

/// <summary>
/// The lifecycle profile against the tickets iTop holds. REST has no metadata verb, so statuses are proven by what the
/// answers show: a ticket in that status now (<c>Found: N</c> of <c>status = 's'</c>), else a status change to it in
/// the history (<c>CMDBChangeOpSetAttributeScalar</c>, attcode <c>status</c>). And tickets whose status the profile
/// does not know (<c>status NOT IN (…)</c>) would be reported in no group. Stimuli cannot be proven read-only: iTop
/// answers "Invalid stimulus" only by trying one on a real ticket (see <see cref="AcademyCheck.Notes"/>).
/// </summary>
internal static class LifecycleProbe
{
    public static async Task<IReadOnlyList<CheckLine>> RunAsync(string academy, IITopClient itop, LifecycleProfile profile, string configPath, CancellationToken cancellationToken)
    {
        var lines = new List<CheckLine>();
        var known = profile.Statuses.Keys.ToList();
        var unknown = await itop.GetAsync(new ITopGetRequest("UserRequest",
            ITopKey.Query(Oql.Select("UserRequest").WhereNotIn("status", known).Build()), ["ref", "status"], Limit: 1, Page: 1), cancellationToken);
        if (unknown.TotalCount > 0)
        {
            var example = unknown.Objects.FirstOrDefault();
            lines.Add(new CheckLine(academy, "lifecycle statuses", CheckOutcome.Failed,
                $"{unknown.TotalCount} ticket(s) in a status profile '{profile.Name}' does not list (e.g. {example?.GetString("ref")} in '{example?.GetString("status")}')",
                $"add the status to the profile's Statuses ({configPath}:Lifecycle) or choose the profile of this iTop's lifecycle"));
        }

        // Statuses an action starts from must exist; the others only map groups (stock lists the dispatch extension's).
        var needed = profile.Actions.Values.SelectMany(a => a.FromStatuses).Distinct(StringComparer.Ordinal).ToList();
        var unseen = new List<string>();
        foreach (var status in needed)
        {
            if (await SeenAsync(itop, status, cancellationToken) is false) unseen.Add(status);
        }

        if (unseen.Count > 0 && profile.Name == BuiltInProfiles.StockName && lines.Count == 0)
            // The stock profile's codes are those of iTop 3.2's own datamodel (itop-request-mgmt-itil); a customised
            // lifecycle shows in the NOT IN check above. A young iTop just has not had such tickets yet.
            lines.Add(new CheckLine(academy, "lifecycle statuses", CheckOutcome.Passed,
                $"every ticket's status is in profile '{profile.Name}' (iTop 3.2's own lifecycle); not seen on any ticket yet: {string.Join(", ", unseen)}"));
        else if (unseen.Count > 0)
            lines.Add(new CheckLine(academy, "lifecycle statuses", CheckOutcome.Warning,
                $"no ticket is or ever was in {string.Join(", ", unseen.Select(s => $"'{s}'"))}, which profile '{profile.Name}' actions start from (cannot be proven otherwise: REST lists no lifecycle)",
                $"check these codes against iTop's UserRequest lifecycle ({configPath}:Lifecycle); a new iTop may simply not have had such tickets yet"));
        if (lines.Count == 0)
            lines.Add(new CheckLine(academy, "lifecycle statuses", CheckOutcome.Passed,
                $"every ticket's status is in profile '{profile.Name}'; the {needed.Count} statuses its actions start from are seen on tickets or in their history"));
        return lines;
    }

    private static async Task<bool> SeenAsync(IITopClient itop, string status, CancellationToken cancellationToken)
    {
        var now = await itop.GetAsync(new ITopGetRequest("UserRequest",
            ITopKey.Query(Oql.Select("UserRequest").Where("status", "=", status).Build()), ["id"], Limit: 1, Page: 1), cancellationToken);
        if (now.TotalCount > 0) return true;
        try
        {
            var history = await itop.GetAsync(new ITopGetRequest("CMDBChangeOpSetAttributeScalar",
                ITopKey.Query(Oql.Select("CMDBChangeOpSetAttributeScalar").Where("objclass", "=", "UserRequest").Where("attcode", "=", "status")
                    .Where("newvalue", "=", status).Build()), ["id"], Limit: 1, Page: 1), cancellationToken);
            return history.TotalCount > 0;
        }
        catch (ITopException)
        {
            return false; // history not readable by this account: only the current tickets count
        }
    }
}
