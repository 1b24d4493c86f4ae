namespace Amigo.Connector.Demo;

/// <summary>What the connector changed in one simulated iTop, read from the simulation's call log (successful writes only).</summary>
/// <param name="Reads">Successful <c>core/get</c> calls.</param>
/// <param name="Closings">Tickets closed by the auto-close plugin.</param>
/// <param name="Dispatches">Tickets dispatched to another team by a rule (<c>core/update</c>, <c>ev_assign</c> or <c>ev_reassign</c> with a <c>team_id</c>).</param>
/// <param name="Created">Tickets created here (transfers arriving from another academy).</param>
/// <param name="TransferredAway">Tickets closed here because they were transferred to another academy.</param>
/// <param name="JournalEntries">Entries appended to <c>public_log</c> or <c>private_log</c>.</param>
/// <param name="Writes">Every successful write.</param>
public sealed record ITopChanges(int Reads, IReadOnlyList<long> Closings, IReadOnlyList<long> Dispatches, int Created,
    IReadOnlyList<long> TransferredAway, int JournalEntries, int Writes)
{
    /// <summary>Reads the connector's successful calls from <paramref name="simulation"/>'s log.</summary>
    public static ITopChanges From(ITopSimulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        int reads = 0, created = 0, journal = 0, writes = 0;
        List<long> closings = [], dispatches = [], away = [];
        foreach (var call in simulation.CallLog)
        {
            if (call.JsonData is not { } data || call.User != ITopSimulationOptions.Connector.Login || !Succeeded(call.Body)) continue;
            var fields = data["fields"] as JObject;
            var comment = (string?)data["comment"] ?? "";
            switch (call.Operation)
            {
                case "core/get":
                    reads++;
                    continue;
                case "core/create":
                    if ((string?)data["class"] == "UserRequest") created++;
                    break;
                case "core/apply_stimulus":
                    var id = KeyOf(data["key"]);
                    var stimulus = (string?)data["stimulus"];
                    if (stimulus == "ev_close" && comment.Contains("autoclose", StringComparison.OrdinalIgnoreCase)) closings.Add(id);
                    else if (stimulus == "ev_close") away.Add(id);
                    else if (stimulus is "ev_assign" or "ev_reassign" && fields?["team_id"] is not null && comment.Contains("rule", StringComparison.Ordinal)) dispatches.Add(id);
                    break;
                case "core/update":
                    // A stock 'new' ticket changes team without a stimulus (it keeps its state).
                    if (fields?["team_id"] is not null && comment.Contains("rule", StringComparison.Ordinal)) dispatches.Add(KeyOf(data["key"]));
                    break;
                case "core/delete":
                    break;
                default:
                    continue;
            }
            writes++;
            if (fields is not null) journal += new[] { "public_log", "private_log" }.Count(log => fields[log] is not null);
        }
        return new ITopChanges(reads, closings, dispatches, created, away, journal, writes);
    }

    private static bool Succeeded(string body)
    {
        try
        {
            return JObject.Parse(body)["code"]?.Value<int>() == 0;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return false;
        }
    }

    private static long KeyOf(JToken? key) => key switch
    {
        JObject spec => KeyOf(spec["id"]),
        JValue value when long.TryParse(value.ToString(System.Globalization.CultureInfo.InvariantCulture), out var id) => id,
        _ => 0,
    };
}
