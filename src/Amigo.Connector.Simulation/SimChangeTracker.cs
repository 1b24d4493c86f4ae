namespace Amigo.Connector.Simulation;

/// <summary>
/// Records REST writes the way iTop does: one <c>CMDBChange</c> per call, origin <c>webservice-rest</c>, the call's
/// <c>comment</c> as <c>userinfo</c>; then one operation per changed attribute (scalar, HTML, case log), a creation or a
/// deletion. The caller holds the store's lock.
/// </summary>
internal sealed class SimChangeTracker(ITopSimulationStore store)
{
    // iTop keeps userinfo in a 255-character column.
    private const int UserInfoLength = 255;

    public void Created(SimObject created, string comment, ITopSimUser caller)
    {
        var change = NewChange(comment, caller);
        AddOp(SimChangeSchema.Create, change, created, new());
    }

    public void Deleted(SimObject deleted, string comment, ITopSimUser caller)
    {
        var change = NewChange(comment, caller);
        AddOp(SimChangeSchema.Delete, change, deleted, new() { ["fclass"] = deleted.ClassName, ["fname"] = store.FriendlyName(deleted) });
    }

    public void Updated(SimObject before, SimObject after, string comment, ITopSimUser caller)
    {
        var cls = store.Class(after.ClassName);
        long? change = null;
        long Change() => change ??= NewChange(comment, caller);
        foreach (var code in cls.Codes.Where(code => code != "last_update"))
        {
            if (!cls.TryGet(code, out var attribute)) continue;
            switch (attribute.Kind)
            {
                case SimKind.Text or SimKind.Key or SimKind.Date:
                    var old = before.Values.GetValueOrDefault(code, (string?)attribute.Default ?? "");
                    var now = after.Values.GetValueOrDefault(code, (string?)attribute.Default ?? "");
                    if (old != now) AddOp(SimChangeSchema.Scalar, Change(), after, new() { ["attcode"] = code, ["oldvalue"] = old, ["newvalue"] = now });
                    break;
                case SimKind.Html:
                    var previous = before.Values.GetValueOrDefault(code, "");
                    if (previous != after.Values.GetValueOrDefault(code, ""))
                        AddOp(SimChangeSchema.Html, Change(), after, new() { ["attcode"] = code, ["prevdata"] = previous });
                    break;
                case SimKind.CaseLog:
                    var entries = after.Logs.GetValueOrDefault(code)?.Count ?? 0;
                    if (entries != (before.Logs.GetValueOrDefault(code)?.Count ?? 0))
                        AddOp(SimChangeSchema.CaseLog, Change(), after, new() { ["attcode"] = code, ["lastentry"] = (entries - 1).ToString(CultureInfo.InvariantCulture) });
                    break;
            }
        }
    }

    private long NewChange(string comment, ITopSimUser caller)
    {
        var id = store.NewId(SimChangeSchema.Change);
        var change = store.Insert(SimChangeSchema.Change, id);
        change.Values["date"] = store.Clock.LocalText;
        change.Values["userinfo"] = comment.Length > UserInfoLength ? comment[..UserInfoLength] : comment;
        change.Values["user_id"] = caller.UserId;
        change.Values["origin"] = "webservice-rest";
        return id;
    }

    private void AddOp(string className, long change, SimObject target, Dictionary<string, string> values)
    {
        // Operations share one id space, like iTop's priv_changeop table.
        var op = store.Insert(className, store.NewId(SimChangeSchema.Op));
        op.Values["change"] = change.ToString(CultureInfo.InvariantCulture);
        op.Values["objclass"] = target.ClassName;
        op.Values["objkey"] = target.Id.ToString(CultureInfo.InvariantCulture);
        foreach (var (k, v) in values) op.Values[k] = v;
    }
}
