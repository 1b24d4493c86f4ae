namespace Amigo.Connector.Simulation;

/// <summary>A user of the simulated iTop.</summary>
/// <param name="Login">Login.</param>
/// <param name="Password">Password.</param>
/// <param name="DisplayName">What iTop writes as <c>user_login</c> in case-log entries (the contact's friendly name, or the login).</param>
/// <param name="UserId">The user's id (case-log <c>user_id</c>).</param>
/// <param name="IsAdmin">Administrators may delete, create any class, manage accounts and set a log entry's user id.</param>
/// <param name="HasRestProfile">Without the "REST Services User" profile every call answers code 1.</param>
public sealed record ITopSimUser(string Login, string Password, string DisplayName, string UserId, bool IsAdmin = false, bool HasRestProfile = true)
{
    /// <summary>
    /// Classes a custom profile lets this non-administrator read, create and modify beyond the stock rights
    /// (everything readable except accounts, only tickets writable), e.g. <c>Person</c> and <c>UserExternal</c>
    /// for the ARENA bridge's account. Account classes (<c>UserExternal</c>, <c>URP_Profiles</c>…) are refused
    /// to non-administrators unless listed here.
    /// </summary>
    public IReadOnlyCollection<string> GrantedClasses { get; init; } = [];

    /// <summary>
    /// The profiles of the user's account as <c>core/get UserLocal</c> answers them (the simulation seeds a
    /// <c>UserLocal</c> per REST user whose <see cref="UserId"/> is a number); derived from the flags when null.
    /// </summary>
    public IReadOnlyList<string>? Profiles { get; init; }

    /// <summary>The profile names of the user's account.</summary>
    public IReadOnlyList<string> ProfileNames =>
        Profiles ?? [.. IsAdmin ? ["Administrator"] : Array.Empty<string>(), .. HasRestProfile ? ["REST Services User"] : Array.Empty<string>()];
}

/// <summary>Settings of an <see cref="ITopSimulation"/>.</summary>
public sealed record ITopSimulationOptions
{
    /// <summary>The connector's user, <c>connector</c>/<c>secret</c> (Service Desk Agent + Support Agent + REST Services User, recording 79).</summary>
    public static readonly ITopSimUser Connector = new("connector", "secret", "connector", "2")
    {
        Profiles = ["Service Desk Agent", "Support Agent", "REST Services User"],
    };

    /// <summary>An administrator, <c>admin</c>/<c>admin</c> (Administrator + REST Services User, recording 16).</summary>
    public static readonly ITopSimUser Admin = new("admin", "admin", "My first name My last name", "1", IsAdmin: true)
    {
        Profiles = ["Administrator", "REST Services User"],
    };

    /// <summary>A user without the REST profile, <c>norest</c>/<c>norest</c> (Support Agent only, recording 17).</summary>
    public static readonly ITopSimUser NoRest = new("norest", "norest", "Support Agent", "4", HasRestProfile: false)
    {
        Profiles = ["Support Agent"],
    };

    /// <summary>Known users.</summary>
    public IReadOnlyList<ITopSimUser> Users { get; init; } = [Connector, Admin, NoRest];

    /// <summary>Tokens accepted as <c>auth_token</c> (login of the user each stands for). Empty, like a community build without authent-token.</summary>
    public IReadOnlyDictionary<string, string> Tokens { get; init; } = new Dictionary<string, string>();

    /// <summary>The server's time zone.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The clock's start (local wall-clock time in <see cref="TimeZone"/>).</summary>
    public DateTime StartLocalTime { get; init; } = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Unspecified);

    /// <summary>REST versions accepted.</summary>
    public IReadOnlyList<string> Versions { get; init; } = ["1.0", "1.1", "1.2", "1.3", "1.4"];

    /// <summary>Stimuli allowed per UserRequest state (state → stimulus → target state). Add an extension's states here.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Transitions { get; init; } = StockTransitions;

    /// <summary>Attributes a stimulus requires to be non-empty in its target state.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> StimulusMandatoryFields { get; init; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["ev_pending"] = ["pending_reason"],
        ["ev_resolve"] = ["solution"],
    };

    /// <summary>
    /// PHP's <c>memory_limit</c> as a number of objects: a <c>core/get</c> answering more objects dies like a real iTop
    /// whose PHP runs out of memory (HTTP 500, PHP's fatal-error text, nothing in JSON). A stock PHP (128 MB) serves
    /// about 8,000 UserRequests with the sync's field list (~10 KB of PHP memory each); null: no limit.
    /// </summary>
    public int? MemoryLimitObjects { get; init; }

    /// <summary>
    /// The console's rule, enforced on REST writes when set (real REST does not check it: <c>ev_assign</c> without an
    /// agent succeeds): a UserRequest write that leaves an attribute mandatory in the resulting state empty, or an
    /// <c>ev_reassign</c> that does not change the agent (<c>must_change</c>), is refused with code 100. Tests set
    /// <see cref="StockStateMandatoryAttributes"/> to prove the connector never leaves a ticket the console calls
    /// incomplete. Null (default): REST's leniency.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? ConsoleMandatoryAttributes { get; init; }

    /// <summary>
    /// Attributes flagged mandatory per UserRequest state in iTop 3.2's <c>itop-request-mgmt-itil</c> datamodel, with
    /// <c>inherit_flags_from</c> applied (<c>new</c> → escalated_tto, waiting_for_approval, approved, rejected;
    /// <c>assigned</c> → escalated_ttr, pending, resolved → closed).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> StockStateMandatoryAttributes = new Dictionary<string, IReadOnlyList<string>>
    {
        ["new"] = ["org_id", "caller_id"],
        ["escalated_tto"] = ["org_id", "caller_id"],
        ["waiting_for_approval"] = ["org_id", "caller_id"],
        ["approved"] = ["org_id", "caller_id"],
        ["rejected"] = ["org_id", "caller_id"],
        ["assigned"] = ["org_id", "caller_id", "team_id", "agent_id"],
        ["escalated_ttr"] = ["org_id", "caller_id", "team_id", "agent_id"],
        ["pending"] = ["org_id", "caller_id", "team_id", "agent_id", "pending_reason"],
        ["resolved"] = ["org_id", "caller_id", "team_id", "agent_id", "service_id", "resolution_code", "solution"],
        ["closed"] = ["org_id", "caller_id", "team_id", "agent_id", "service_id", "resolution_code", "solution"],
    };

    /// <summary>Whether to seed the demo data of <see cref="ITopSimulationSeed.Academies"/> at start.</summary>
    public bool SeedDemoData { get; init; }

    /// <summary>The stock ITIL UserRequest lifecycle of iTop 3.2.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> StockTransitions =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["new"] = new Dictionary<string, string> { ["ev_assign"] = "assigned", ["ev_wait_for_approval"] = "waiting_for_approval", ["ev_timeout"] = "escalated_tto" },
            ["escalated_tto"] = new Dictionary<string, string> { ["ev_assign"] = "assigned", ["ev_wait_for_approval"] = "waiting_for_approval" },
            ["waiting_for_approval"] = new Dictionary<string, string> { ["ev_approve"] = "approved", ["ev_reject"] = "rejected" },
            ["approved"] = new Dictionary<string, string> { ["ev_assign"] = "assigned" },
            ["assigned"] = new Dictionary<string, string>
            {
                ["ev_reassign"] = "assigned", ["ev_pending"] = "pending", ["ev_resolve"] = "resolved", ["ev_timeout"] = "escalated_ttr",
            },
            ["escalated_ttr"] = new Dictionary<string, string> { ["ev_reassign"] = "assigned", ["ev_pending"] = "pending", ["ev_resolve"] = "resolved" },
            ["pending"] = new Dictionary<string, string> { ["ev_assign"] = "assigned", ["ev_resolve"] = "resolved" },
            ["resolved"] = new Dictionary<string, string> { ["ev_close"] = "closed", ["ev_reopen"] = "assigned" },
            ["rejected"] = new Dictionary<string, string>(),
            ["closed"] = new Dictionary<string, string>(),
        };
}
