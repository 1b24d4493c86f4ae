namespace Amigo.Connector.Simulation;

/// <summary>
/// The objects of the simulated iTop. Seed helpers return the new object's id; every method is thread-safe
/// (the WireMock callbacks run concurrently).
/// </summary>
public sealed partial class ITopSimulationStore
{
    private readonly Dictionary<string, SimClass> _classes = SimSchema.CreateStock();
    private readonly Dictionary<string, SortedDictionary<long, SimObject>> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _nextIds = new(StringComparer.Ordinal);
    private long _nextRef = 1;

    internal ITopSimulationStore(ITopSimulationClock clock)
    {
        Clock = clock;
        SeedStockProfiles();
    }

    internal object Sync { get; } = new();

    internal ITopSimulationClock Clock { get; }

    /// <summary>The reference numbers consumed by failed creates are lost, as in iTop: <c>ref</c> is not derived from <c>id</c>.</summary>
    public void SkipRefNumbers(int count)
    {
        lock (Sync) _nextRef += count;
    }

    /// <summary>Adds an academy-specific attribute (stored text) to a class, e.g. an establishment UAI on UserRequest.</summary>
    public void AddAttribute(string className, string attribute, string defaultValue = "")
    {
        lock (Sync) Class(className).Text(attribute, defaultValue);
    }

    /// <summary>Adds an organization.</summary>
    public long AddOrganization(string name, string? code = null, long? parentId = null) =>
        Add("Organization", new() { ["name"] = name, ["code"] = code ?? "", ["parent_id"] = Key(parentId) });

    /// <summary>Adds a person (a caller or an agent).</summary>
    public long AddPerson(long orgId, string firstName, string lastName, string? email = null, string? function = null, string? phone = null) =>
        Add("Person", new()
        {
            ["org_id"] = Key(orgId), ["first_name"] = firstName, ["name"] = lastName, ["email"] = email ?? "", ["function"] = function ?? "", ["phone"] = phone ?? "",
        });

    /// <summary>Adds a team and its members.</summary>
    public long AddTeam(long orgId, string name, string? email = null, IEnumerable<long>? memberIds = null, string? function = null)
    {
        var id = Add("Team", new() { ["org_id"] = Key(orgId), ["name"] = name, ["email"] = email ?? "", ["function"] = function ?? "" });
        foreach (var member in memberIds ?? []) AddTeamMember(id, member);
        return id;
    }

    /// <summary>Adds a person to a team (a <c>lnkPersonToTeam</c> row); returns the link's id.</summary>
    public long AddTeamMember(long teamId, long personId) =>
        Add("lnkPersonToTeam", new() { ["team_id"] = Key(teamId), ["person_id"] = Key(personId), ["role_id"] = "0" });

    /// <summary>Removes a person from a team.</summary>
    public void RemoveTeamMember(long teamId, long personId)
    {
        lock (Sync)
        {
            foreach (var link in All("lnkPersonToTeam").Where(l => l.Values["team_id"] == Key(teamId) && l.Values["person_id"] == Key(personId)).ToList())
                _objects["lnkPersonToTeam"].Remove(link.Id);
        }
    }

    /// <summary>Adds a service family.</summary>
    public long AddServiceFamily(string name) => Add("ServiceFamily", new() { ["name"] = name });

    /// <summary>Adds a service of the catalogue.</summary>
    public long AddService(long orgId, string name, long? familyId = null, string? description = null, string status = "production") =>
        Add("Service", new()
        {
            ["org_id"] = Key(orgId), ["name"] = name, ["servicefamily_id"] = Key(familyId), ["description"] = description ?? "", ["status"] = status,
        });

    /// <summary>Adds a service subcategory.</summary>
    public long AddServiceSubcategory(long serviceId, string name, string requestType = "service_request", string status = "production", string? description = null) =>
        Add("ServiceSubcategory", new()
        {
            ["service_id"] = Key(serviceId), ["name"] = name, ["request_type"] = requestType, ["status"] = status, ["description"] = description ?? "",
        });

    /// <summary>Adds a customer contract offering <paramref name="serviceIds"/> to an organization.</summary>
    public long AddCustomerContract(long orgId, string name, IEnumerable<long> serviceIds, long? providerId = null, DateTime? startDate = null) =>
        Add("CustomerContract", new()
        {
            ["org_id"] = Key(orgId), ["name"] = name, ["provider_id"] = Key(providerId ?? orgId),
            ["start_date"] = startDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            [ServicesOfContract] = string.Join(",", serviceIds),
        });

    /// <summary>Adds a UserRequest in any status with its dates; returns its id.</summary>
    public long AddUserRequest(ITopSimTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        lock (Sync)
        {
            var start = ticket.StartDate ?? Clock.LocalNow;
            var dates = new[] { start, ticket.AssignmentDate, ticket.ResolutionDate, ticket.CloseDate, ticket.LastPendingDate }.OfType<DateTime>();
            var values = new Dictionary<string, string>
            {
                ["ref"] = ticket.Ref ?? NextRef("R-"),
                ["org_id"] = Key(ticket.OrgId), ["caller_id"] = Key(ticket.CallerId), ["title"] = ticket.Title, ["description"] = ticket.Description,
                ["status"] = ticket.Status, ["team_id"] = Key(ticket.TeamId), ["agent_id"] = Key(ticket.AgentId), ["service_id"] = Key(ticket.ServiceId),
                ["servicesubcategory_id"] = Key(ticket.ServiceSubcategoryId), ["start_date"] = Date(start), ["assignment_date"] = Date(ticket.AssignmentDate),
                ["resolution_date"] = Date(ticket.ResolutionDate), ["close_date"] = Date(ticket.CloseDate), ["last_pending_date"] = Date(ticket.LastPendingDate),
                ["last_update"] = Date(ticket.LastUpdate ?? dates.Max()), ["pending_reason"] = ticket.PendingReason ?? "", ["solution"] = ticket.Solution ?? "",
                ["urgency"] = ticket.Urgency, ["impact"] = ticket.Impact, ["origin"] = ticket.Origin, ["request_type"] = ticket.RequestType,
            };
            foreach (var (k, v) in ticket.Extra ?? new Dictionary<string, string>()) values[k] = v;
            return Add("UserRequest", values);
        }
    }

    /// <summary>Adds an object of any class with stored values (text; external keys as id text).</summary>
    public long AddObject(string className, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Add(className, values.ToDictionary(p => p.Key, p => p.Value));
    }

    /// <summary>Appends an entry to a case log, as an agent would in the console.</summary>
    public void AppendCaseLog(long ticketId, string attribute, string message, DateTime? date = null, string userLogin = "Agent iTop", string userId = "3")
    {
        lock (Sync)
        {
            var ticket = Require("UserRequest", ticketId);
            LogOf(ticket, attribute).Add(new SimCaseLogEntry(Date(date ?? Clock.LocalNow), userLogin, userId, message,
                "<p>" + SimRequestHandler.Encode(message) + "</p>"));
        }
    }

    /// <summary>Changes stored attributes as a console user would (bumps <c>last_update</c> of tickets).</summary>
    public void SetFields(string className, long id, IReadOnlyDictionary<string, string> values)
    {
        lock (Sync)
        {
            var item = Require(className, id);
            foreach (var (k, v) in values) item.Values[k] = v;
            if (className == "UserRequest" && !values.ContainsKey("last_update")) item.Values["last_update"] = Clock.LocalText;
        }
    }

    /// <summary>Deletes an object, and the links of its writable link sets (iTop deletes them with it).</summary>
    public bool Remove(string className, long id)
    {
        lock (Sync)
        {
            if (!_objects.TryGetValue(className, out var map) || !map.TryGetValue(id, out var item)) return false;
            RemoveLinksOf(item);
            return map.Remove(id);
        }
    }

    /// <summary>The value of an attribute as iTop would answer it (stored, external or computed), as text; null when unknown.</summary>
    public string? GetField(string className, long id, string attribute)
    {
        lock (Sync)
        {
            var item = Find(className, id);
            return item is null ? null : TextOf(Resolve(item, attribute));
        }
    }

    /// <summary>A case log's entries in insertion order.</summary>
    public IReadOnlyList<SimCaseLogEntry> GetCaseLog(long ticketId, string attribute)
    {
        lock (Sync) return [.. LogOf(Require("UserRequest", ticketId), attribute)];
    }

    /// <summary>Ids of the objects of a class, ascending.</summary>
    public IReadOnlyList<long> Ids(string className)
    {
        lock (Sync) return _objects.TryGetValue(className, out var map) ? [.. map.Keys] : [];
    }

    /// <summary>Whether an object exists.</summary>
    public bool Exists(string className, long id)
    {
        lock (Sync) return Find(className, id) is not null;
    }

    /// <summary>How many objects a class holds.</summary>
    public int Count(string className)
    {
        lock (Sync) return _objects.TryGetValue(className, out var map) ? map.Count : 0;
    }

    // ----- internals used by the request handler (callers hold Sync) -----

    internal const string ServicesOfContract = "__services";

    internal bool IsClass(string name) => _classes.ContainsKey(name);

    internal SimClass Class(string name) =>
        _classes.TryGetValue(name, out var c) ? c : throw new KeyNotFoundException($"The simulation has no class '{name}'.");

    /// <summary>The objects of a class in id order; an abstract class answers its children's objects (iTop's polymorphic reads).</summary>
    internal IEnumerable<SimObject> All(string className)
    {
        if (_classes.TryGetValue(className, out var cls) && cls.IsAbstract)
            return Children(className).SelectMany(All).OrderBy(o => o.Id).ToList();
        return _objects.TryGetValue(className, out var map) ? map.Values : [];
    }

    internal SimObject? Find(string className, long id)
    {
        if (_objects.TryGetValue(className, out var map) && map.TryGetValue(id, out var item)) return item;
        if (_classes.TryGetValue(className, out var cls) && cls.IsAbstract)
            return Children(className).Select(child => Find(child, id)).FirstOrDefault(found => found is not null);
        return null;
    }

    private IEnumerable<string> Children(string className) =>
        _classes.Values.Where(c => c.Parent == className).Select(c => c.Name);

    internal SimObject Require(string className, long id) =>
        Find(className, id) ?? throw new KeyNotFoundException($"The simulation has no {className}::{id}.");

    internal long NewId(string className)
    {
        var space = className switch
        {
            "UserRequest" or "Incident" => "Ticket",
            SimAccountSchema.UserLocal or SimAccountSchema.UserExternal => SimAccountSchema.User,
            _ => className,
        };
        var next = _nextIds.TryGetValue(space, out var n) ? n : 1;
        _nextIds[space] = next + 1;
        return next;
    }

    internal string NextRef(string prefix) => prefix + (_nextRef++).ToString("000000", CultureInfo.InvariantCulture);

    internal SimObject Insert(string className, long id)
    {
        var item = new SimObject(className, id);
        if (!_objects.TryGetValue(className, out var map)) _objects[className] = map = new SortedDictionary<long, SimObject>();
        map[id] = item;
        return item;
    }

    internal void Replace(SimObject item) => _objects[item.ClassName][item.Id] = item;

    internal static List<SimCaseLogEntry> LogOf(SimObject item, string attribute)
    {
        if (!item.Logs.TryGetValue(attribute, out var log)) item.Logs[attribute] = log = [];
        return log;
    }

    /// <summary>An attribute's value as iTop answers it; null when the class has no such attribute.</summary>
    internal JToken? Resolve(SimObject item, string attribute)
    {
        if (attribute == "id") return item.Id.ToString(CultureInfo.InvariantCulture);
        var cls = Class(item.ClassName);
        if (!cls.TryGet(attribute, out var a)) return null;
        switch (a.Kind)
        {
            case SimKind.Text or SimKind.Html or SimKind.Date or SimKind.Key:
                return item.Values.TryGetValue(attribute, out var stored) ? stored : (string)a.Default!;
            case SimKind.ExternalField:
                {
                    cls.TryGet(a.Via!, out var key);
                    var target = Target(item, key);
                    return target is null ? "" : TextOf(Resolve(target, a.Target!)) ?? "";
                }
            case SimKind.CaseLog:
                return new JObject
                {
                    ["entries"] = new JArray(LogOf(item, attribute).Select(e => new JObject
                    {
                        ["date"] = e.Date, ["user_login"] = e.UserLogin, ["user_id"] = e.UserId, ["message"] = e.Message, ["message_html"] = e.MessageHtml,
                    })),
                };
            case SimKind.LinkSet:
                return a.Target is null ? LinkRows(item, attribute) : StoredLinkRows(item, a);
            default:
                return Computed(item, cls, a);
        }
    }

    internal static string? TextOf(JToken? token) => token switch
    {
        null => null,
        JValue { Type: JTokenType.Null } => "",
        JValue value => Convert.ToString(value.Value, CultureInfo.InvariantCulture),
        _ => token.ToString(Newtonsoft.Json.Formatting.None),
    };

    internal string FriendlyName(SimObject item) => item.ClassName switch
    {
        "UserRequest" or "Incident" => item.Values.GetValueOrDefault("ref", ""),
        "Person" => $"{item.Values.GetValueOrDefault("first_name", "")} {item.Values.GetValueOrDefault("name", "")}".Trim(),
        "lnkPersonToTeam" => $"{FriendlyNameOrEmpty(Target(item, "person_id"))} / {FriendlyNameOrEmpty(Target(item, "team_id"))}",
        SimAccountSchema.UserLocal or SimAccountSchema.UserExternal => item.Values.GetValueOrDefault("login", ""),
        // UI:UserManagement:LinkBetween_User_And_Profile / _And_Org in French, the recorded REST user's language.
        SimAccountSchema.UserProfile => $"Lien entre {TextOf(Resolve(item, "userlogin"))} et {TextOf(Resolve(item, "profile"))}",
        SimAccountSchema.UserOrg => $"Lien entre {TextOf(Resolve(item, "userlogin"))} et {TextOf(Resolve(item, "allowed_org_name"))}",
        _ => item.Values.GetValueOrDefault("name", ""),
    };

    private string FriendlyNameOrEmpty(SimObject? item) => item is null ? "" : FriendlyName(item);

    private SimObject? Target(SimObject item, string keyAttribute) =>
        Class(item.ClassName).TryGet(keyAttribute, out var key) ? Target(item, key) : null;

    private SimObject? Target(SimObject item, SimAttribute? key)
    {
        if (key is null || key.Kind != SimKind.Key) return null;
        return long.TryParse(item.Values.GetValueOrDefault(key.Code, "0"), out var id) && id > 0 ? Find(key.Target!, id) : null;
    }

    private JToken Computed(SimObject item, SimClass cls, SimAttribute a)
    {
        switch (a.Code)
        {
            case "friendlyname":
                return FriendlyName(item);
            case "operational_status":
                return item.Values.GetValueOrDefault("status", "new") switch
                {
                    "resolved" => "resolved",
                    "closed" => "closed",
                    "rejected" => "closed",
                    _ => "ongoing",
                };
            case "priority":
                return Priority(item.Values.GetValueOrDefault("impact", "1"), item.Values.GetValueOrDefault("urgency", "4"));
            case "picture" or "icon":
                return new JObject { ["data"] = "", ["mimetype"] = "", ["filename"] = "", ["downloads_count"] = 0 };
            case "service_org_id_friendlyname":
                return FriendlyNameOrEmpty(Target(Target(item, "service_id") ?? item, "org_id"));
        }
        if (a.Code.EndsWith("_friendlyname", StringComparison.Ordinal) && cls.TryGet(a.Code[..^"_friendlyname".Length], out var key))
        {
            if (key.Kind == SimKind.Key) return FriendlyNameOrEmpty(Target(item, key));
            // An external field copying a key of the object pointed at (e.g. a user's org_id, through contactid).
            if (key.Kind == SimKind.ExternalField)
                return Target(item, key.Via!) is { } via ? TextOf(Resolve(via, key.Target! + "_friendlyname")) ?? "" : "";
        }
        return a.Default is null ? JValue.CreateNull() : JToken.FromObject(a.Default);
    }

    private JArray LinkRows(SimObject item, string attribute)
    {
        IEnumerable<JObject> rows = (item.ClassName, attribute) switch
        {
            ("Team", "persons_list") => All("lnkPersonToTeam").Where(l => l.Values["team_id"] == Key(item.Id)).Select(l => new JObject
            {
                ["person_id"] = l.Values["person_id"], ["person_name"] = TextOf(Resolve(l, "person_name")), ["role_id"] = "0", ["role_name"] = "",
                ["friendlyname"] = FriendlyName(l), ["person_id_friendlyname"] = TextOf(Resolve(l, "person_id_friendlyname")),
            }),
            ("Person", "team_list") => All("lnkPersonToTeam").Where(l => l.Values["person_id"] == Key(item.Id)).Select(l => new JObject
            {
                ["team_id"] = l.Values["team_id"], ["team_name"] = TextOf(Resolve(l, "team_name")), ["role_id"] = "0", ["role_name"] = "",
                ["friendlyname"] = FriendlyName(l), ["team_id_friendlyname"] = TextOf(Resolve(l, "team_id_friendlyname")),
            }),
            ("CustomerContract", "services_list") => item.Values.GetValueOrDefault(ServicesOfContract, "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => new JObject
                {
                    ["service_id"] = id, ["service_name"] = long.TryParse(id, out var s) && Find("Service", s) is { } service ? service.Values["name"] : "",
                    ["sla_id"] = "0", ["sla_name"] = "", ["friendlyname"] = FriendlyName(item),
                }),
            ("Service", "servicesubcategories_list") => All("ServiceSubcategory").Where(c => c.Values["service_id"] == Key(item.Id)).Select(c => new JObject
            {
                ["name"] = c.Values["name"], ["description"] = c.Values.GetValueOrDefault("description", ""), ["request_type"] = c.Values.GetValueOrDefault("request_type", ""),
                ["status"] = c.Values.GetValueOrDefault("status", ""), ["friendlyname"] = c.Values["name"],
            }),
            _ => [],
        };
        return new JArray(rows);
    }

    private static string Priority(string impact, string urgency)
    {
        // iTop's stock priority matrix (impact 1 = department … 3 = person; urgency 1 = critical … 4 = low).
        int.TryParse(impact, out var i);
        int.TryParse(urgency, out var u);
        int[,] matrix = { { 1, 1, 2, 4 }, { 1, 2, 3, 4 }, { 2, 3, 3, 4 } };
        return i is >= 1 and <= 3 && u is >= 1 and <= 4 ? matrix[i - 1, u - 1].ToString(CultureInfo.InvariantCulture) : "4";
    }

    private long Add(string className, Dictionary<string, string> values)
    {
        lock (Sync)
        {
            var cls = Class(className);
            foreach (var name in values.Keys)
                if (name != ServicesOfContract && !cls.TryGet(name, out _))
                    throw new ArgumentException($"The simulated class {className} has no attribute '{name}' (add it with AddAttribute).");
            var item = Insert(className, NewId(className));
            foreach (var (k, v) in values) item.Values[k] = v;
            return item.Id;
        }
    }

    internal static string Key(long? id) => id is > 0 ? id.Value.ToString(CultureInfo.InvariantCulture) : "0";

    internal static string Date(DateTime? local) => local is { } value ? ITopSimulationClock.Format(value) : "";
}
