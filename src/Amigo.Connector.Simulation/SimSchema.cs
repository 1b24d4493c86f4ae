namespace Amigo.Connector.Simulation;

/// <summary>How the simulation computes or stores an attribute.</summary>
internal enum SimKind
{
    /// <summary>Stored text (also enums and numbers kept as text).</summary>
    Text,
    /// <summary>Stored HTML text: a write is wrapped in &lt;p&gt; like iTop's HTML editor does.</summary>
    Html,
    /// <summary>Stored external key (id text, "0" when empty).</summary>
    Key,
    /// <summary>A field of the object an external key points at.</summary>
    ExternalField,
    /// <summary>Stored date text ("" when empty).</summary>
    Date,
    /// <summary>Stored case log.</summary>
    CaseLog,
    /// <summary>
    /// Link set, answered as a JSON array. With a link class (<see cref="SimAttribute.Target"/>) the links are stored
    /// objects and the set can be written; without one it is read-only and answered from fixed rules.
    /// </summary>
    LinkSet,
    /// <summary>A constant or computed value.</summary>
    Computed,
}

/// <summary>
/// One attribute of a simulated class. For an indirect link set, <see cref="Target"/> is the link class,
/// <see cref="Via"/> the link's key to the owner and <see cref="Remote"/> the link's key to the other end.
/// </summary>
internal sealed record SimAttribute(
    string Code, SimKind Kind, string? Target = null, string? Via = null, object? Default = null, string? Label = null, string? Remote = null);

/// <summary>A simulated iTop class: its attributes in the order iTop lists them for <c>output_fields: "*"</c>.</summary>
internal sealed class SimClass
{
    private readonly Dictionary<string, SimAttribute> _byCode = new(StringComparer.Ordinal);
    private readonly List<SimAttribute> _star = [];

    public SimClass(string name, string? parent = null)
    {
        Name = name;
        Parent = parent;
    }

    public string Name { get; }
    public string? Parent { get; }

    /// <summary>An abstract class holds no object of its own: reads and keys reach the objects of its children.</summary>
    public bool IsAbstract { get; init; }
    public IReadOnlyList<SimAttribute> Star => _star;
    public IReadOnlyList<string> Mandatory { get; init; } = [];

    public SimClass Add(SimAttribute attribute, bool inStar = true)
    {
        _byCode[attribute.Code] = attribute;
        if (inStar) _star.Add(attribute);
        // iTop adds a friendly name and an obsolescence flag for every external key (searchable, listed by "*").
        if (attribute.Kind == SimKind.Key)
        {
            _byCode.TryAdd(attribute.Code + "_friendlyname", new SimAttribute(attribute.Code + "_friendlyname", SimKind.Computed));
            _byCode.TryAdd(attribute.Code + "_obsolescence_flag", new SimAttribute(attribute.Code + "_obsolescence_flag", SimKind.Computed, Default: ""));
        }
        return this;
    }

    public SimClass Text(string code, object? defaultValue = null, string? label = null) => Add(new SimAttribute(code, SimKind.Text, Default: defaultValue ?? "", Label: label));
    public SimClass Html(string code, string? label = null) => Add(new SimAttribute(code, SimKind.Html, Default: "", Label: label));
    public SimClass Key(string code, string target) => Add(new SimAttribute(code, SimKind.Key, Target: target, Default: "0"));
    public SimClass Ext(string code, string via, string target) => Add(new SimAttribute(code, SimKind.ExternalField, Target: target, Via: via, Default: ""));
    public SimClass Date(string code) => Add(new SimAttribute(code, SimKind.Date, Default: ""));
    public SimClass Log(string code) => Add(new SimAttribute(code, SimKind.CaseLog));
    public SimClass Links(string code) => Add(new SimAttribute(code, SimKind.LinkSet));
    public SimClass LinkSet(string code, string linkClass, string keyToOwner, string keyToRemote) =>
        Add(new SimAttribute(code, SimKind.LinkSet, Target: linkClass, Via: keyToOwner, Remote: keyToRemote));
    public SimClass Computed(string code, object? value = null, bool inStar = true) => Add(new SimAttribute(code, SimKind.Computed, Default: value), inStar);

    /// <summary>Lists the key-derived attributes (friendly name, obsolescence flag) in the star list, as iTop does at the end.</summary>
    public SimClass KeyDetails(params string[] codes)
    {
        foreach (var code in codes)
            _star.Add(_byCode[code]);
        return this;
    }

    public bool TryGet(string code, out SimAttribute attribute) => _byCode.TryGetValue(code, out attribute!);

    public IEnumerable<string> Codes => _byCode.Keys;

    public bool IsTicket => Name is "UserRequest" or "Incident" or "Ticket";

    /// <summary>The writable link sets of this class (link sets with a link class).</summary>
    public IEnumerable<SimAttribute> WritableLinkSets => _byCode.Values.Where(a => a.Kind == SimKind.LinkSet && a.Target is not null);
}

/// <summary>The classes of a stock iTop 3.2 with ITIL request management, as answered in the recordings.</summary>
internal static class SimSchema
{
    public static Dictionary<string, SimClass> CreateStock()
    {
        var classes = new Dictionary<string, SimClass>(StringComparer.Ordinal);
        void Add(SimClass c) => classes[c.Name] = c;

        Add(new SimClass("Organization")
            .Text("name", label: "Nom").Text("code").Text("status", "active").Key("parent_id", "Organization").Ext("parent_name", "parent_id", "name")
            .Text("overview").Key("deliverymodel_id", "DeliveryModel").Ext("deliverymodel_name", "deliverymodel_id", "name")
            .Computed("friendlyname").Computed("obsolescence_flag", false).Computed("obsolescence_date", "")
            .KeyDetails("parent_id_friendlyname", "parent_id_obsolescence_flag", "deliverymodel_id_friendlyname"));

        Add(new SimClass("Person")
            .Text("name", label: "Nom").Text("status", "active").Key("org_id", "Organization").Ext("org_name", "org_id", "name").Text("email").Text("phone")
            .Text("notify", "yes").Text("function").Links("cis_list").Computed("picture").Text("first_name", label: "Prénom").Text("employee_number")
            .Text("mobile_phone").Key("location_id", "Location").Ext("location_name", "location_id", "name").Key("manager_id", "Person")
            .Ext("manager_name", "manager_id", "name").Links("team_list").Links("user_list").Links("tickets_list").Computed("finalclass", "Person")
            .Computed("friendlyname").Computed("obsolescence_flag", false).Computed("obsolescence_date", "")
            .KeyDetails("org_id_friendlyname", "org_id_obsolescence_flag", "location_id_friendlyname", "location_id_obsolescence_flag",
                "manager_id_friendlyname", "manager_id_obsolescence_flag"));

        Add(new SimClass("Team")
            .Text("name", label: "Nom").Text("status", "active").Key("org_id", "Organization").Ext("org_name", "org_id", "name").Text("email").Text("phone")
            .Text("notify", "yes").Text("function").Links("cis_list").Links("persons_list").Links("tickets_list").Computed("finalclass", "Team")
            .Computed("friendlyname").Computed("obsolescence_flag", false).Computed("obsolescence_date", "")
            .KeyDetails("org_id_friendlyname", "org_id_obsolescence_flag"));

        Add(new SimClass("lnkPersonToTeam")
            .Key("team_id", "Team").Ext("team_name", "team_id", "name").Key("person_id", "Person").Ext("person_name", "person_id", "name")
            .Key("role_id", "ContactType").Ext("role_name", "role_id", "name").Computed("friendlyname")
            .KeyDetails("team_id_friendlyname", "team_id_obsolescence_flag", "person_id_friendlyname", "person_id_obsolescence_flag", "role_id_friendlyname"));

        Add(new SimClass("ServiceFamily")
            .Text("name", label: "Nom").Computed("icon").Links("services_list").Computed("friendlyname"));

        Add(new SimClass("Service")
            .Text("name", label: "Nom").Key("org_id", "Organization").Ext("organization_name", "org_id", "name").Key("servicefamily_id", "ServiceFamily")
            .Ext("servicefamily_name", "servicefamily_id", "name").Text("description").Links("documents_list").Links("contacts_list")
            .Text("status", "production").Computed("icon").Links("customercontracts_list").Links("providercontracts_list").Links("functionalcis_list")
            .Links("servicesubcategories_list").Computed("friendlyname")
            .KeyDetails("org_id_friendlyname", "org_id_obsolescence_flag", "servicefamily_id_friendlyname"));

        Add(new SimClass("ServiceSubcategory")
            .Text("name", label: "Nom").Text("description").Key("service_id", "Service").Ext("service_org_id", "service_id", "org_id")
            .Ext("service_name", "service_id", "name").Ext("service_provider", "service_id", "organization_name").Text("request_type", "service_request")
            .Text("status", "production").Computed("friendlyname").KeyDetails("service_id_friendlyname")
            .Computed("service_org_id_friendlyname").Computed("service_org_id_obsolescence_flag", ""));

        Add(new SimClass("CustomerContract")
            .Text("name", label: "Nom").Key("org_id", "Organization").Ext("organization_name", "org_id", "name").Key("provider_id", "Organization")
            .Ext("provider_name", "provider_id", "name").Text("status", "production").Date("start_date").Date("end_date").Text("description")
            .Links("services_list").Links("contacts_list").Computed("friendlyname")
            .KeyDetails("org_id_friendlyname", "org_id_obsolescence_flag", "provider_id_friendlyname", "provider_id_obsolescence_flag"));

        Add(new SimClass("UserRequest", parent: "Ticket")
            {
                Mandatory = ["title", "description", "org_id"],
            }
            .Computed("operational_status").Text("ref").Key("org_id", "Organization").Ext("org_name", "org_id", "name").Key("caller_id", "Person")
            .Ext("caller_name", "caller_id", "name").Key("team_id", "Team").Ext("team_name", "team_id", "name").Ext("team_email", "team_id", "email")
            .Key("agent_id", "Person").Ext("agent_name", "agent_id", "name").Text("title", label: "Titre").Html("description", label: "Description")
            .Date("start_date").Date("end_date").Date("last_update").Date("close_date").Log("private_log").Links("contacts_list")
            .Links("functionalcis_list").Links("workorders_list").Text("status", "new").Text("request_type", "service_request").Text("impact", "1")
            .Computed("priority").Text("urgency", "4").Text("origin", "phone").Key("approver_id", "Person").Ext("approver_email", "approver_id", "email")
            .Key("service_id", "Service").Ext("service_name", "service_id", "name").Key("servicesubcategory_id", "ServiceSubcategory")
            .Ext("servicesubcategory_name", "servicesubcategory_id", "name").Text("escalation_flag", "no").Text("escalation_reason")
            .Date("assignment_date").Date("resolution_date").Date("last_pending_date").Computed("cumulatedpending", 0L).Computed("tto", 0L)
            .Computed("ttr", 0L).Computed("tto_escalation_deadline", "").Computed("sla_tto_passed", "non").Computed("sla_tto_over")
            .Computed("ttr_escalation_deadline", "").Computed("sla_ttr_passed", "non").Computed("sla_ttr_over").Text("time_spent")
            .Text("resolution_code", "assistance").Html("solution").Text("pending_reason").Key("parent_request_id", "UserRequest")
            .Ext("parent_request_ref", "parent_request_id", "ref").Key("parent_incident_id", "Incident").Ext("parent_incident_ref", "parent_incident_id", "ref")
            .Key("parent_change_id", "Change").Ext("parent_change_ref", "parent_change_id", "ref").Links("related_request_list").Log("public_log")
            .Text("user_satisfaction", "1").Text("user_comment").Computed("finalclass", "UserRequest").Computed("friendlyname")
            .KeyDetails("org_id_friendlyname", "org_id_obsolescence_flag", "caller_id_friendlyname", "caller_id_obsolescence_flag", "team_id_friendlyname",
                "team_id_obsolescence_flag", "agent_id_friendlyname", "agent_id_obsolescence_flag", "approver_id_friendlyname",
                "approver_id_obsolescence_flag", "service_id_friendlyname", "servicesubcategory_id_friendlyname", "parent_request_id_friendlyname",
                "parent_incident_id_friendlyname", "parent_change_id_friendlyname")
            .Computed("parent_change_id_finalclass_recall", ""));

        SimAccountSchema.AddTo(classes);
        SimChangeSchema.AddTo(classes);
        return classes;
    }
}
