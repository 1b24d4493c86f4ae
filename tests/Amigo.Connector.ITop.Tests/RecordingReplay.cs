namespace Amigo.Connector.ITop.Tests;

/// <summary>
/// Turns a recording's json_data into the client call that must produce it, and normalises the equivalences the
/// client chooses on purpose (a numeric key sent as a number, a plain-string log entry sent as an html add_item…).
/// </summary>
public static class RecordingReplay
{
    /// <summary>Recordings whose request the client cannot or must not produce, with why (their answers are still parsed).</summary>
    public static readonly IReadOnlyDictionary<string, string> NotProducible = new Dictionary<string, string>
    {
        ["04-unsupported_version_1_5"] = "the client accepts versions 1.0 to 1.4 only (options validation)",
        ["05-missing_version"] = "the client always sends ?version=",
        ["11-auth_missing"] = "the client always sends credentials (options validation)",
        ["12-auth_missing_pwd"] = "the client always sends a password (options validation)",
        ["18-get_method_query_string"] = "the client only POSTs, never puts credentials in a URL",
        ["19-jsonp_callback"] = "the client never asks for JSONP",
        ["20-invalid_json"] = "the client always sends valid JSON",
        ["21-missing_json_data"] = "the client always sends json_data",
        ["22-unknown_operation"] = "the client only has iTop's verbs",
        ["23-missing_operation"] = "the client always sends an operation",
        ["32-get_oql_resolved_older_than_14_days"] = "NOW()/DATE_SUB: the connector computes cut-offs itself and sends literals",
        ["34-get_oql_parameterised_join"] = "the builder has no JOIN (team_id_friendlyname does the same, recording 33)",
        ["38-get_page_zero_invalid"] = "the client refuses page 0 before sending",
        ["45-get_invalid_oql"] = "the builder never emits invalid OQL",
        ["49-get_missing_key"] = "the client requires a key",
        ["78-create_readonly_status"] = "the client refuses to write a ticket's status: stimuli only",
        ["80-create_without_comment"] = "the client refuses a write without comment before sending",
        ["85-update_public_log_add_item_html_date"] = "the connector never backdates a log entry",
        ["86-update_log_add_item_user_id_nonadmin"] = "the connector never writes in another user's name",
        ["87-update_log_add_item_missing_message"] = "the client refuses an entry without message",
        ["93-update_status_directly"] = "the client refuses to write a ticket's status: stimuli only",
        ["99-stimulus_missing_fields_param"] = "the client always sends fields (possibly empty) with a stimulus",
        ["121-update_public_log_admin_sets_user_id"] = "the connector never writes in another user's name",
        ["122-update_public_log_replace_items"] = "replacing a whole case log is impossible through ITopFields",
        ["127-get_oql_on_caller_email"] = "the builder has no JOIN",
        ["128-get_oql_last_update_since"] = "NOW()/DATE_SUB: the connector sends literal dates",
        ["131-oql_now_skew_db_in_utc"] = "NOW(): the connector sends literal dates",
        ["132-oql_now_db_in_europe_paris"] = "NOW(): the connector sends literal dates",
    };

    /// <summary>Client settings matching the recording's URL version and authentication.</summary>
    public static ITopClientOptions Configure(Recording recording, ITopClientOptions options)
    {
        var version = recording.Url.Contains("version=", StringComparison.Ordinal) ? recording.Url.Split("version=")[1].Split('&')[0] : "1.4";
        var user = (string?)recording.Request["auth_user"] ?? "connector";
        return recording.AuthMode switch
        {
            var m when m.StartsWith("basic", StringComparison.Ordinal) => options with { Version = version, AuthMode = ITopAuthMode.Basic, User = user },
            "token" => options with { Version = version, AuthMode = ITopAuthMode.Token, Token = "recorded-token", User = null, Password = null },
            _ => options with { Version = version, User = user },
        };
    }

    /// <summary>The client call that produces the recording's json_data.</summary>
    public static Func<IITopClient, Task> Call(Recording recording)
    {
        var json = recording.JsonData ?? throw new InvalidOperationException($"{recording.Name} has no json_data.");
        var className = (string?)json["class"] ?? "";
        var outputFields = ((string?)json["output_fields"])?.Split(',') ?? [];
        switch (recording.Operation)
        {
            case "list_operations":
                return c => c.ListOperationsAsync();
            case "core/check_credentials":
                return c => c.CheckCredentialsAsync((string)json["user"]!, "recorded-password");
            case "core/get":
                var request = new ITopGetRequest(className, Key(className, json["key"]!), outputFields, Int(json["limit"]), Int(json["page"]));
                return c => c.GetAsync(request);
            case "core/create":
                var create = new ITopWrite(className, null, Fields(json["fields"] as JObject), (string)json["comment"]!, outputFields);
                return c => c.CreateAsync(create);
            case "core/update":
                var update = new ITopWrite(className, Key(className, json["key"]!), Fields(json["fields"] as JObject), (string)json["comment"]!, outputFields);
                return c => c.UpdateAsync(update);
            case "core/apply_stimulus":
                var stimulus = new ITopStimulus(className, Key(className, json["key"]!), (string)json["stimulus"]!, Fields(json["fields"] as JObject),
                    (string)json["comment"]!, outputFields);
                return c => c.ApplyStimulusAsync(stimulus);
            case "core/delete":
                var key = Key(className, json["key"]!);
                return c => c.DeleteAsync(className, key, (string)json["comment"]!, json.Value<bool?>("simulate") ?? false);
            case "core/get_related":
                var related = new ITopRelatedRequest(className, Key(className, json["key"]!), (string)json["relation"]!,
                    Int(json["depth"]) ?? 3, (string?)json["direction"] ?? "down");
                return c => c.GetRelatedAsync(related);
            default:
                throw new InvalidOperationException($"{recording.Name}: no client call for operation '{recording.Operation}'.");
        }
    }

    /// <summary>The json_data with the client's deliberate equivalences applied, for comparison.</summary>
    public static JObject Normalize(JObject jsonData)
    {
        var json = (JObject)jsonData.DeepClone();
        if (json["key"] is JValue { Type: JTokenType.String } key && long.TryParse((string?)key, out var id)) json["key"] = id;
        if (json["key"] is JValue { Type: JTokenType.String } oql) json["key"] = NormalizeOql((string)oql!);
        foreach (var name in new[] { "limit", "page", "depth" })
            if (json[name] is JValue { Type: JTokenType.String } text && int.TryParse((string?)text, out var n)) json[name] = n;
        if ((string?)json["operation"] == "core/check_credentials") json["password"] = "***";
        if ((string?)json["operation"] == "core/delete" && json.Value<bool?>("simulate") == false) json.Remove("simulate");
        if ((string?)json["operation"] == "core/get_related")
        {
            json["depth"] ??= 3;
            json["direction"] ??= "down";
        }
        if (json["fields"] is JObject fields)
        {
            foreach (var property in fields.Properties().ToList())
            {
                if (property.Name is "public_log" or "private_log" && property.Value is JValue { Type: JTokenType.String } plain)
                    property.Value = new JObject { ["add_item"] = new JObject { ["message"] = plain, ["format"] = "html" } };
                else if (property.Value is JValue { Type: JTokenType.String } text && ((string?)text)!.StartsWith("SELECT ", StringComparison.Ordinal))
                    property.Value = NormalizeOql((string)text!);
            }
        }
        return json;
    }

    /// <summary>OQL with spacing around operators and commas removed, so 'a = 1' and 'a=1' compare equal.</summary>
    public static string NormalizeOql(string oql) =>
        System.Text.RegularExpressions.Regex.Replace(oql, @"\s*(=|!=|<=|>=|<|>|,|\(|\))\s*", "$1").Trim();

    private static int? Int(JToken? token) => token is null ? null : int.Parse(token.ToString(), System.Globalization.CultureInfo.InvariantCulture);

    private static ITopKey Key(string className, JToken key) => key switch
    {
        JValue { Type: JTokenType.Integer } => ITopKey.Id((long)key),
        JValue { Type: JTokenType.String } text when long.TryParse((string?)text, out var id) => ITopKey.Id(id),
        JValue { Type: JTokenType.String } text => ITopKey.Query(new OqlQuery(className, (string)text!)),
        JObject spec => Search(spec),
        _ => throw new InvalidOperationException($"No key for {key}"),
    };

    private static ITopKey Search(JObject spec) =>
        ITopKey.Search(spec.Properties().ToDictionary(p => p.Name, p => p.Value switch
        {
            JObject nested => (object?)Search(nested),
            JValue { Type: JTokenType.Integer } number => (long)number,
            JValue value => (string?)value,
            _ => throw new InvalidOperationException($"No search value for {p.Value}"),
        }));

    private static ITopFields Fields(JObject? json)
    {
        var fields = new ITopFields();
        foreach (var property in json?.Properties() ?? [])
        {
            var name = property.Name;
            switch (property.Value)
            {
                case JValue { Type: JTokenType.String } plain when name is "public_log" or "private_log":
                    fields.AppendToLog(name, (string)plain!, CaseLogFormat.Html);
                    break;
                case JObject { } log when name is "public_log" or "private_log":
                    var item = (JObject)log["add_item"]!;
                    fields.AppendToLog(name, (string)item["message"]!, (string?)item["format"] == "html" ? CaseLogFormat.Html : CaseLogFormat.Text);
                    break;
                case JObject spec:
                    fields.SetKey(name, Search(spec));
                    break;
                case JValue { Type: JTokenType.String } text when ((string?)text)!.StartsWith("SELECT ", StringComparison.Ordinal):
                    fields.SetKey(name, ITopKey.Query(new OqlQuery(((string)text!).Split(' ')[1], (string)text!)));
                    break;
                case JValue { Type: JTokenType.Integer } number:
                    fields.Set(name, (long)number);
                    break;
                case JValue value:
                    fields.Set(name, (string?)value);
                    break;
                default:
                    throw new InvalidOperationException($"No field value for {property.Value}");
            }
        }
        return fields;
    }
}
