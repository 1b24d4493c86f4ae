namespace Amigo.Connector.Simulation;

/// <summary>iTop's REST endpoint, simulated: authentication → version → json_data → operation, as in iTop 3.2.</summary>
internal sealed partial class SimRequestHandler(ITopSimulationStore store, ITopSimulationOptions options)
{
    private readonly SimAccountRules _accounts = new(store);
    private readonly SimChangeTracker _changes = new(store);

    private const int DescriptionLimit = 65535;

    // iTop's AttributeString: a VARCHAR(255), checked in characters. The simulation's Text kind also stands for long
    // texts (pending_reason, user_comment, descriptions of the catalogue), so only the real strings are limited.
    private const int StringLimit = 255;
    private static readonly HashSet<string> ShortStrings = new(StringComparer.Ordinal) { "title", "name", "first_name", "email", "phone", "code", "login", "function" };
    private static readonly string[] Verbs =
        ["core/create", "core/update", "core/apply_stimulus", "core/get", "core/delete", "core/get_related", "core/check_credentials"];

    /// <summary>Handles a call; <paramref name="jsonData"/> receives the parsed json_data (null when absent or invalid).</summary>
    public SimAnswer Handle(SimRequest request, bool refuseWriteSilently, out JObject? jsonData, out string? user)
    {
        jsonData = null;
        user = null;
        JObject answer;
        try
        {
            var caller = Authenticate(request);
            user = caller.Login;
            if (request.Version is null) throw new SimError(2, "Error: Missing parameter 'version' (e.g. '1.0')");
            if (!options.Versions.Contains(request.Version))
                throw new SimError(10, $"Error: There is no service available for version '{request.Version}'");
            if (!request.Form.TryGetValue("json_data", out var raw)) throw new SimError(3, "Error: Missing parameter 'json_data'");
            try
            {
                jsonData = JObject.Parse(raw, new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace });
            }
            catch (JsonException)
            {
                throw new SimError(4, "Error: Parameter json_data is not a valid JSON structure");
            }
            var operation = (string?)jsonData["operation"] ?? throw new SimError(100, "Error: Missing parameter 'operation'");
            lock (store.Sync)
            {
                answer = operation switch
                {
                    "list_operations" => ListOperations(request.Version),
                    "core/check_credentials" => CheckCredentials(jsonData),
                    "core/get" => Get(jsonData, caller),
                    "core/create" => refuseWriteSilently ? SilentRefusal() : Create(jsonData, caller),
                    "core/update" => refuseWriteSilently ? SilentRefusal() : Update(jsonData, caller),
                    "core/apply_stimulus" => refuseWriteSilently ? SilentRefusal() : ApplyStimulus(jsonData, caller),
                    "core/delete" => Delete(jsonData, caller),
                    "core/get_related" => GetRelated(jsonData),
                    _ => throw new SimError(11, $"Error: Unknown verb '{operation}' in version '{request.Version}'"),
                };
            }
        }
        catch (SimMemoryExhausted)
        {
            return new SimAnswer(500, SimMemoryExhausted.PhpFatal, "text/html; charset=UTF-8");
        }
        catch (SimError e)
        {
            answer = new JObject { ["code"] = e.Code, ["message"] = e.Message };
            if (e.WithNullObjects) answer["objects"] = null;
        }
        var body = SimJson.Serialize(answer);
        if (request.Form.TryGetValue("callback", out var callback) && callback.Length > 0) body = $"{callback}({body});";
        return new SimAnswer(200, body);
    }

    private ITopSimUser Authenticate(SimRequest request)
    {
        // Only POSTed credentials count: the 'form' login mode ignores a query string (recording 18).
        string? login = null, password = null;
        if (request.Authorization is { } header && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = decoded.IndexOf(':');
                if (colon > 0) (login, password) = (decoded[..colon], decoded[(colon + 1)..]);
            }
            catch (FormatException)
            {
            }
        }
        else if (request.Method == "POST" && request.Form.TryGetValue("auth_user", out var formUser))
        {
            login = formUser;
            password = request.Form.GetValueOrDefault("auth_pwd");
        }
        else if (request.Method == "POST" && request.Form.TryGetValue("auth_token", out var token) && options.Tokens.TryGetValue(token, out var tokenUser))
        {
            login = tokenUser;
            password = options.Users.FirstOrDefault(u => u.Login == tokenUser)?.Password;
        }
        var user = options.Users.FirstOrDefault(u => u.Login == login);
        if (user is null || password is null || user.Password != password) throw new SimError(1, "Error: Invalid login");
        if (!user.HasRestProfile)
            throw new SimError(1, "Error: This user is not authorized to use the web services. (The profile REST Services User is required to access the REST web services)");
        return user;
    }

    private static JObject ListOperations(string version) => new()
    {
        ["code"] = 0,
        ["message"] = $"Operations: {Verbs.Length}",
        ["version"] = version,
        ["operations"] = new JArray(Verbs.Select(v => new JObject
        {
            ["verb"] = v,
            ["description"] = v switch
            {
                "core/create" => "Create an object",
                "core/update" => "Update an object",
                "core/apply_stimulus" => "Apply a stimulus to change the state of an object",
                "core/get" => "Search for objects",
                "core/delete" => "Delete objects",
                "core/get_related" => "Get related objects through the specified relation",
                _ => "Check user credentials",
            },
            ["extension"] = "CoreServices",
        })),
    };

    private JObject CheckCredentials(JObject json)
    {
        var login = (string?)json["user"] ?? throw new SimError(100, "Error: Missing parameter 'user'");
        var password = (string?)json["password"] ?? throw new SimError(100, "Error: Missing parameter 'password'");
        var ok = options.Users.Any(u => u.Login == login && u.Password == password);
        return new JObject { ["code"] = 0, ["message"] = null, ["authorized"] = ok };
    }

    private static JObject SilentRefusal() => new() { ["code"] = 0, ["message"] = "", ["objects"] = null };

    // ----- core/get -----

    private JObject Get(JObject json, ITopSimUser caller)
    {
        var className = RequireClass(json);
        if (json["key"] is not { } key) throw new SimError(100, "Error: Missing parameter 'key'");
        var (actualClass, found) = Select(className, key);
        var outputFields = OutputFields(json, actualClass);
        SimAccountRules.RequireRight(caller, actualClass, "reading");
        var ordered = Order(found).ToList();
        var total = ordered.Count;
        var limit = IntParameter(json["limit"]);
        var page = IntParameter(json["page"]);
        if (limit is > 0)
        {
            var pageNumber = page ?? 1;
            if (pageNumber <= 0) throw new SimError(13, "The request page number is not valid. It must be an integer greater than 0", withNullObjects: true);
            ordered = ordered.Skip((pageNumber - 1) * limit.Value).Take(limit.Value).ToList();
        }
        if (options.MemoryLimitObjects is { } memoryLimit && ordered.Count > memoryLimit) throw new SimMemoryExhausted();
        return Objects($"Found: {total}", ordered, outputFields, "");
    }

    private (string ClassName, List<SimObject> Objects) Select(string className, JToken key)
    {
        switch (key.Type)
        {
            case JTokenType.Integer:
                return (className, store.Find(className, (long)key) is { } byId ? [byId] : []);
            case JTokenType.String:
                var text = ((string?)key ?? "").Trim();
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                    return (className, store.Find(className, id) is { } byText ? [byText] : []);
                // iTop quotes the query as sent in its errors, trailing spaces included (recording 45).
                var query = SimOql.Parse((string?)key ?? "", store);
                // When the OQL selects another class than 'class', the OQL class wins (recording 47).
                return (query.ClassName, store.All(query.ClassName).Where(o => query.Predicate(o, store)).ToList());
            case JTokenType.Object:
                return (className, Search(className, (JObject)key, null).ToList());
            default:
                throw new SimError(100, $"Error: Wrong format for the key: {key.ToString(Formatting.None)}");
        }
    }

    private IEnumerable<SimObject> Search(string className, JObject criteria, string? attributeForErrors)
    {
        var cls = store.Class(className);
        var conditions = new List<(string Attribute, HashSet<long>? Ids, string? Value)>();
        foreach (var property in criteria.Properties())
        {
            if (!cls.TryGet(property.Name, out var attribute) && property.Name != "id")
                throw new SimError(100, $"Error: {(attributeForErrors is null ? "" : attributeForErrors + ": ")}{property.Name}: Unknown attribute");
            if (attribute?.Kind == SimKind.Key && property.Value is JObject nested)
                conditions.Add((property.Name, Search(attribute.Target!, nested, property.Name).Select(o => o.Id).ToHashSet(), null));
            else
                conditions.Add((property.Name, null, ITopSimulationStore.TextOf(property.Value)));
        }
        return store.All(className).Where(o => conditions.All(c =>
        {
            var value = ITopSimulationStore.TextOf(store.Resolve(o, c.Attribute));
            return c.Ids is not null
                ? long.TryParse(value, out var id) && c.Ids.Contains(id)
                : string.Compare(value, c.Value, CultureInfo.InvariantCulture, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) == 0;
        })).ToList();
    }

    private IEnumerable<SimObject> Order(IEnumerable<SimObject> objects) =>
        objects.Select(o => (Object: o, Class: store.Class(o.ClassName))).Any(x => x.Class.IsTicket)
            ? objects.OrderByDescending(o => o.Values.GetValueOrDefault("ref", ""), StringComparer.Ordinal).ThenByDescending(o => o.Id)
            : objects.OrderBy(store.FriendlyName, StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace))
                .ThenBy(o => o.Id);

    private List<string> OutputFields(JObject json, string className)
    {
        var cls = store.Class(className);
        var text = (string?)json["output_fields"] ?? "*";
        var fields = new List<string>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw is "*" or "*+") fields.AddRange(cls.Star.Select(a => a.Code));
            else if (raw == "id" || cls.TryGet(raw, out _)) fields.Add(raw);
            else throw new SimError(100, $"Error: output_fields: invalid attribute code '{raw}'");
        }
        return fields;
    }

    private JObject Objects(string? message, IReadOnlyCollection<SimObject> objects, IReadOnlyList<string> fields, string objectMessage)
    {
        var map = new JObject();
        foreach (var item in objects)
        {
            var values = new JObject();
            foreach (var field in fields) values[field] = store.Resolve(item, field);
            map[$"{item.ClassName}::{item.Id}"] = new JObject
            {
                ["code"] = 0,
                ["message"] = objectMessage,
                ["class"] = item.ClassName,
                ["key"] = item.Id.ToString(CultureInfo.InvariantCulture),
                ["fields"] = values,
            };
        }
        return new JObject { ["code"] = 0, ["message"] = message, ["objects"] = objects.Count == 0 ? null : map };
    }

    // ----- writes -----

    private JObject Create(JObject json, ITopSimUser caller)
    {
        RequireComment(json);
        var className = RequireClass(json);
        var fields = json["fields"] as JObject ?? throw new SimError(100, "Error: Missing parameter 'fields'");
        SimAccountRules.RequireRight(caller, className, "creating");
        if (!caller.IsAdmin && className is not ("UserRequest" or "Incident") && !caller.GrantedClasses.Contains(className))
            throw new SimError(1, $"The current user does not have enough permissions for creating data of class {className}", withNullObjects: true);
        var outputFields = OutputFields(json, className);
        var item = new SimObject(className, 0);
        try
        {
            ApplyFields(item, fields, caller, creating: true);
            var cls = store.Class(className);
            foreach (var mandatory in cls.Mandatory)
            {
                if (item.Values.TryGetValue(mandatory, out var value) && value is not ("" or "0")) continue;
                cls.TryGet(mandatory, out var attribute);
                throw Invalid(className, attribute!, "Null not allowed");
            }
        }
        catch (SimError e) when (e.AtWrite && className == "UserRequest")
        {
            // iTop numbers the ticket before its checks and MariaDB run: the refused create leaves a gap in the refs.
            store.NextRef("R-");
            throw;
        }
        if (SimAccountSchema.IsUserClass(className)) _accounts.BeforeWrite(item, null, caller);
        var created = store.Insert(className, store.NewId(className));
        foreach (var (k, v) in item.Values) created.Values[k] = v;
        foreach (var (k, v) in item.Logs) created.Logs[k] = v;
        foreach (var (k, v) in item.PendingLinks) created.PendingLinks[k] = v;
        store.SaveLinks(created);
        if (className == "UserRequest")
        {
            created.Values["ref"] = store.NextRef("R-");
            created.Values.TryAdd("status", "new");
            created.Values["start_date"] = store.Clock.LocalText;
            created.Values["last_update"] = store.Clock.LocalText;
        }
        _changes.Created(created, Comment(json), caller);
        return Objects(null, [created], outputFields, "created");
    }

    private JObject Update(JObject json, ITopSimUser caller)
    {
        RequireComment(json);
        var className = RequireClass(json);
        SimAccountRules.RequireRight(caller, KeyClass(className, json["key"]), "modifying");
        var target = SingleTarget(className, json);
        var fields = json["fields"] as JObject ?? throw new SimError(100, "Error: Missing parameter 'fields'");
        var outputFields = OutputFields(json, target.ClassName);
        var copy = target.Clone();
        ApplyFields(copy, fields, caller);
        if (SimAccountSchema.IsUserClass(copy.ClassName)) _accounts.BeforeWrite(copy, target, caller);
        RequireConsoleComplete(copy, target, null);
        Touch(copy);
        store.Replace(copy);
        store.SaveLinks(copy);
        _changes.Updated(target, copy, Comment(json), caller);
        return Objects(null, [copy], outputFields, "updated");
    }

    private JObject ApplyStimulus(JObject json, ITopSimUser caller)
    {
        RequireComment(json);
        var className = RequireClass(json);
        SimAccountRules.RequireRight(caller, KeyClass(className, json["key"]), "modifying");
        var target = SingleTarget(className, json);
        var stimulus = (string?)json["stimulus"] ?? throw new SimError(100, "Error: Missing parameter 'stimulus'");
        var fields = json["fields"] as JObject ?? throw new SimError(100, "Error: Missing parameter 'fields'");
        var outputFields = OutputFields(json, target.ClassName);
        var state = target.Values.GetValueOrDefault("status", "new");
        if (target.ClassName != "UserRequest" || !options.Transitions.TryGetValue(state, out var allowed) || !allowed.TryGetValue(stimulus, out var next))
            throw new SimError(100, $"Invalid stimulus: '{stimulus}' on the object {store.FriendlyName(target)} in state '{state}'", withNullObjects: true);
        var copy = target.Clone();
        ApplyFields(copy, fields, caller);
        var missing = options.StimulusMandatoryFields.GetValueOrDefault(stimulus, [])
            .Where(a => copy.Values.GetValueOrDefault(a, "") is "" or "0").ToList();
        if (missing.Count > 0)
            throw new SimError(100, $"Missing mandatory attribute(s) for applying the stimulus: {string.Join(", ", missing)}.", withNullObjects: true);
        var now = store.Clock.LocalText;
        copy.Values["status"] = next;
        switch (stimulus)
        {
            case "ev_assign" or "ev_reassign":
                copy.Values["assignment_date"] = now;
                break;
            case "ev_pending":
                copy.Values["last_pending_date"] = now;
                break;
            case "ev_resolve":
                copy.Values["resolution_date"] = now;
                copy.Values["time_spent"] = SecondsSince(copy.Values.GetValueOrDefault("start_date", ""));
                break;
            case "ev_close":
                copy.Values["close_date"] = now;
                break;
        }
        RequireConsoleComplete(copy, target, stimulus);
        Touch(copy);
        store.Replace(copy);
        _changes.Updated(target, copy, Comment(json), caller);
        return Objects(null, [copy], outputFields, "updated");
    }

    // The console's rule (ITopSimulationOptions.ConsoleMandatoryAttributes), when the simulation is asked to enforce it.
    private void RequireConsoleComplete(SimObject written, SimObject before, string? stimulus)
    {
        if (options.ConsoleMandatoryAttributes is not { } rules || written.ClassName != "UserRequest") return;
        var state = written.Values.GetValueOrDefault("status", "new");
        var missing = rules.GetValueOrDefault(state, []).Where(a => written.Values.GetValueOrDefault(a, "") is "" or "0").ToList();
        if (missing.Count > 0)
            throw new SimError(100, $"Console rule: attribute(s) {string.Join(", ", missing)} mandatory in state '{state}' would be empty.", withNullObjects: true);
        if (stimulus == "ev_reassign" && written.Values.GetValueOrDefault("agent_id", "") == before.Values.GetValueOrDefault("agent_id", ""))
            throw new SimError(100, "Console rule: ev_reassign must change agent_id.", withNullObjects: true);
    }

    // What iTop 3.2 answers for a write to an external field, a friendly name or another computed attribute (checked on the lab).
    internal static SimError ReadOnly(string className, string attribute) =>
        new(100, $"Error: {attribute}: Attempting to set the value on the read-only attribute {className}::{attribute}");

    private JObject Delete(JObject json, ITopSimUser caller)
    {
        RequireComment(json);
        var className = RequireClass(json);
        if (!caller.IsAdmin)
            throw new SimError(1, $"The current user does not have enough permissions for deleting data of class {className}", withNullObjects: true);
        if (json["key"] is not { } key) throw new SimError(100, "Error: Missing parameter 'key'");
        var (_, found) = Select(className, key);
        var ordered = Order(found).ToList();
        // iTop deletes the links an object owns (an account's profile links) with it, lists them after the objects
        // and counts them apart: "Deleted: 1 plus (for DB integrity) 2" (checked on the lab).
        var owned = ordered.SelectMany(store.OwnedLinks).ToList();
        var message = owned.Count == 0 ? $"Deleted: {ordered.Count}" : $"Deleted: {ordered.Count} plus (for DB integrity) {owned.Count}";
        var answer = Objects(message, [.. ordered, .. owned], ["id", "friendlyname"], "");
        if (json.Value<bool?>("simulate") != true)
            foreach (var item in ordered)
            {
                _changes.Deleted(item, Comment(json), caller);
                store.Remove(item.ClassName, item.Id);
            }
        return answer;
    }

    private JObject GetRelated(JObject json)
    {
        var className = RequireClass(json);
        if (json["key"] is not { } key) throw new SimError(100, "Error: Missing parameter 'key'");
        var (_, found) = Select(className, key);
        var answer = Objects($"Scope: {found.Count}; Related objects: {className}= {found.Count}", found, ["id", "friendlyname"], "");
        answer["relations"] = new JArray();
        return answer;
    }

    private void ApplyFields(SimObject item, JObject fields, ITopSimUser caller, bool creating = false)
    {
        var cls = store.Class(item.ClassName);
        foreach (var property in fields.Properties())
        {
            var name = property.Name;
            if (!cls.TryGet(name, out var attribute) || (attribute.Kind == SimKind.LinkSet && attribute.Target is null))
                throw new SimError(100, $"Error: {name}: Unknown attribute");
            if (attribute.Kind is SimKind.ExternalField or SimKind.Computed) throw ReadOnly(item.ClassName, name);
            var value = property.Value;
            switch (attribute.Kind)
            {
                case SimKind.CaseLog:
                    WriteLog(item, name, value, caller);
                    break;
                case SimKind.LinkSet:
                    item.PendingLinks[name] = ReadLinkSet(attribute, value);
                    break;
                case SimKind.Key:
                    item.Values[name] = ResolveKey(attribute, value);
                    break;
                case SimKind.Html:
                    var html = ITopSimulationStore.TextOf(value) ?? "";
                    html = html.Length == 0 || html.StartsWith('<') ? html : $"<p>{Encode(html)}</p>";
                    // iTop checks the stored HTML (wrapper and entities included) in characters; the TEXT column then
                    // holds 65,535 bytes, so accented text can pass iTop's check and still be refused by MariaDB.
                    if (name == "description" && html.Length > DescriptionLimit)
                        throw Invalid(item.ClassName, attribute, $"String too long (found {html.Length}, limited to {DescriptionLimit})");
                    if (name == "description" && Encoding.UTF8.GetByteCount(html) > DescriptionLimit)
                        throw DataTooLong(item, name, creating);
                    item.Values[name] = html;
                    break;
                default:
                    var text = ITopSimulationStore.TextOf(value) ?? "";
                    if (attribute.Kind == SimKind.Text && ShortStrings.Contains(name) && text.Length > StringLimit)
                        throw Invalid(item.ClassName, attribute, $"String too long (found {text.Length}, limited to {StringLimit})");
                    if (name == "urgency" && text is not ("1" or "2" or "3" or "4")) throw Invalid(item.ClassName, attribute, $"Value not allowed [{text}]", "Urgence");
                    if (name == "impact" && text is not ("1" or "2" or "3")) throw Invalid(item.ClassName, attribute, $"Value not allowed [{text}]", "Impact");
                    item.Values[name] = text;
                    break;
            }
        }
    }

    private void WriteLog(SimObject item, string attribute, JToken value, ITopSimUser caller)
    {
        var log = ITopSimulationStore.LogOf(item, attribute);
        var now = store.Clock.LocalText;
        switch (value)
        {
            case JValue { Type: JTokenType.String } plain:
                var message = (string)plain!;
                if (message.Length > 0) log.Add(new SimCaseLogEntry(now, caller.DisplayName, caller.UserId, message, "<p>" + Encode(message) + "</p>"));
                break;
            case JObject { } add when add["add_item"] is JObject entry:
                log.Add(Entry(attribute, entry, caller, now));
                break;
            case JObject { } replace when replace["items"] is JArray items:
                // iTop replaces the whole journal with {items:[…]} (recording 122); the connector never sends it.
                log.Clear();
                foreach (var entry in items.OfType<JObject>()) log.Add(Entry(attribute, entry, caller, now));
                break;
            default:
                throw new SimError(100, $"Error: {attribute}: Invalid case log value");
        }
    }

    private static SimCaseLogEntry Entry(string attribute, JObject entry, ITopSimUser caller, string now)
    {
        var message = (string?)entry["message"] ?? throw new SimError(100, $"Error: {attribute}: Missing mandatory entry: 'message'");
        if (entry["user_id"] is not null && !caller.IsAdmin) throw new SimError(1, $"Error: {attribute}: Only administrators can set the user id");
        var html = string.Equals((string?)entry["format"], "html", StringComparison.OrdinalIgnoreCase);
        var date = (string?)entry["date"] ?? now;
        var (userLogin, userId) = entry["user_id"] is { } id ? (caller.DisplayName, (string?)id ?? caller.UserId) : (caller.DisplayName, caller.UserId);
        return html
            ? new SimCaseLogEntry(date, userLogin, userId, WebUtility.HtmlDecode(Regex.Replace(message, "<[^>]*>", "")), message)
            : new SimCaseLogEntry(date, userLogin, userId, message, Encode(message).Replace("\n", "<br/>", StringComparison.Ordinal));
    }

    private string ResolveKey(SimAttribute attribute, JToken value)
    {
        if (value.Type == JTokenType.Null) return "0";
        IReadOnlyList<SimObject> found;
        string criteria;
        if (value is JObject spec)
        {
            found = Search(attribute.Target!, spec, attribute.Code).ToList();
            var values = string.Join(", ", spec.Properties().Select(p => ITopSimulationStore.TextOf(p.Value)));
            criteria = $"with criteria: {string.Join(", ", spec.Properties().Select(p => $"{p.Name}: {ITopSimulationStore.TextOf(p.Value)}"))} ({values})";
        }
        else
        {
            var text = ITopSimulationStore.TextOf(value) ?? "";
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                if (id == 0) return "0";
                return store.Find(attribute.Target!, id) is not null ? text : throw new SimError(100, $"Error: {attribute.Code}: Invalid object {attribute.Target}::{id}");
            }
            var query = SimOql.Parse(text, store);
            found = store.All(query.ClassName).Where(o => query.Predicate(o, store)).ToList();
            criteria = $"for query: {text}";
        }
        return found.Count switch
        {
            1 => found[0].Id.ToString(CultureInfo.InvariantCulture),
            0 => throw new SimError(100, $"Error: {attribute.Code}: No item found {criteria}"),
            _ => throw new SimError(100, $"Error: {attribute.Code}: Several items found ({found.Count}) {criteria}"),
        };
    }

    private SimObject SingleTarget(string className, JObject json)
    {
        if (json["key"] is not { } key) throw new SimError(100, "Error: Missing parameter 'key'");
        var (_, found) = Select(className, key);
        if (found.Count == 1) return found[0];
        var description = key.Type switch
        {
            JTokenType.Integer => null,
            JTokenType.String when long.TryParse((string?)key, out _) => null,
            JTokenType.String => $"for query: {(string?)key}",
            _ => $"with criteria: {key.ToString(Formatting.None)}",
        };
        if (description is null) throw new SimError(100, $"Error: Invalid object {className}::{ITopSimulationStore.TextOf(key)}");
        throw found.Count == 0
            ? new SimError(100, $"Error: No item found {description}")
            : new SimError(100, $"Error: Several items found ({found.Count}) {description}");
    }

    private void Touch(SimObject item)
    {
        if (store.Class(item.ClassName).TryGet("last_update", out _)) item.Values["last_update"] = store.Clock.LocalText;
    }

    private string SecondsSince(string start) =>
        DateTime.TryParseExact(start, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            ? Math.Max(0, (long)(store.Clock.LocalNow - from).TotalSeconds).ToString(CultureInfo.InvariantCulture)
            : "0";

    private string RequireClass(JObject json)
    {
        var className = (string?)json["class"] ?? throw new SimError(100, "Error: Missing parameter 'class'");
        return store.IsClass(className) ? className : throw new SimError(100, $"Error: class: '{className}' is not a valid class'");
    }

    private static string Comment(JObject json) => ITopSimulationStore.TextOf(json["comment"]) ?? "";

    private static void RequireComment(JObject json)
    {
        if (json["comment"] is null || json["comment"]!.Type == JTokenType.Null) throw new SimError(100, "Error: Missing parameter 'comment'");
    }

    private static int? IntParameter(JToken? token) => token switch
    {
        null => null,
        { Type: JTokenType.Null } => null,
        { Type: JTokenType.Integer } => (int)token,
        _ => int.TryParse((string?)token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0,
    };

    private static SimError Invalid(string className, SimAttribute attribute, string issue, string? label = null)
    {
        var text = $"Valeur de l'attribut incorrecte '{label ?? attribute.Label ?? attribute.Code}' ({attribute.Code}) : {issue}";
        return new SimError(100, $"Error: {text}: issues = {{0=>{text}}}, class = {className}, id = -1", atWrite: true);
    }

    // MariaDB's refusal comes back with its errno as the code on a create (1406) but code 100 on an update, the whole
    // SQL query (value included) in the message; only the parts a client may read are reproduced here.
    private static SimError DataTooLong(SimObject item, string column, bool creating) =>
        new(creating ? 1406 : 100,
            $"Error: Failed to issue SQL query: query = {(creating ? "INSERT INTO `ticket` (…) VALUES (…)" : $"UPDATE `ticket` AS `{item.ClassName}_Ticket` SET … WHERE …")}, "
            + $"mysql_errno = 1406, mysql_error = Data too long for column '{column}' at row 1{(creating ? "" : "}")}",
            atWrite: true);

    // PHP's htmlentities with UTF-8 keeps accented letters: only markup characters are escaped.
    internal static string Encode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
