using System.Net;

namespace Amigo.Plugins.ArenaSso.Tests.Support;

/// <summary>
/// One academy (<c>toulouse</c>) whose iTop is the shared WireMock simulation (Organization, Person, UserExternal,
/// URP_Profiles), reached through the real <c>ITopClient</c> as the bridge's own REST account, with the bridge in
/// front of it. With a <see cref="PostgresFixture"/> the audit goes to the real <c>audit_log</c> table.
/// </summary>
internal sealed class ArenaScenario : IAsyncDisposable
{
    public const string Academy = "toulouse";
    public const string Secret = "test-secret-0123456789-abcdefghijklmnop";
    public static readonly IPAddress Proxy = IPAddress.Parse("10.20.0.7");
    public static readonly IPAddress Stranger = IPAddress.Parse("192.0.2.50");

    /// <summary>
    /// The bridge's iTop account as docs/plugins/arena-sso.md asks for it: REST Services User plus a custom profile
    /// granting people and accounts (recordings 67 and 79 show the connector's own account cannot).
    /// </summary>
    public static readonly ITopSimUser BridgeUser = new("amigo-arena", "arena-password", "amigo-arena", "10")
    {
        GrantedClasses = ["Person", "UserExternal", "URP_UserProfile", "URP_Profiles"],
    };

    /// <summary>A bridge account whose profile grants people but not accounts: iTop refuses it UserExternal like recording 67.</summary>
    public static readonly ITopSimUser PeopleOnlyUser = new("amigo-arena-people", "people-password", "amigo-arena-people", "11")
    {
        GrantedClasses = ["Person"],
    };

    private readonly List<IDisposable> _clients;
    private readonly Dictionary<string, string?> _settings;
    private readonly IAuditLog _audit;
    private readonly long _auditStart;

    private ArenaScenario(ITopSimulation sim, List<IDisposable> clients, BridgeHost host, IAuditLog audit, long auditStart, Dictionary<string, string?> settings)
    {
        (Sim, _clients, Host, _audit, _auditStart, _settings) = (sim, clients, host, audit, auditStart, settings);
    }

    public ITopSimulation Sim { get; }
    public BridgeHost Host { get; }
    public long AcademyOrgId { get; private set; }
    public long LyceeOrgId { get; private set; }
    public long CollegeOrgId { get; private set; }

    /// <summary>Simulation settings knowing the bridge's REST accounts.</summary>
    public static ITopSimulationOptions SimulationOptions() => new()
    {
        Users = [ITopSimulationOptions.Connector, ITopSimulationOptions.Admin, ITopSimulationOptions.NoRest, BridgeUser, PeopleOnlyUser],
    };

    /// <summary>
    /// Starts the simulation and the bridge. <paramref name="postgres"/> puts the audit in PostgreSQL;
    /// <paramref name="clusterLock"/> also registers the database, so the bridge takes its cross-host advisory lock.
    /// </summary>
    public static async Task<ArenaScenario> StartAsync(
        Action<IDictionary<string, string?>>? settings = null, Action<IServiceCollection>? services = null,
        PostgresFixture? postgres = null, ITopSimUser? itopUser = null, bool clusterLock = false)
    {
        var sim = ITopSimulation.Start(SimulationOptions());
        sim.Store.AddAttribute("Person", "arena_login");
        sim.Store.AddAttribute("Person", "establishments");
        var values = new Dictionary<string, string?>
        {
            ["TrustedProxies:0"] = "10.20.0.0/24",
            ["SharedSecret"] = Secret,
            ["DefaultOrganizationCode"] = "AC-TLS",
            ["HandoffMode"] = "Redirect",
            ["PortalUrl"] = "https://assistance.ac-toulouse.fr/pages/exec.php?exec_module=itop-portal-base&exec_page=index.php&portal_id=itop-portal",
        };
        settings?.Invoke(values);
        var client = Client(sim, itopUser ?? BridgeUser);
        IAuditLog audit = postgres is null ? new InMemoryAuditLog() : new PostgresAuditLog(new ConnectorDatabase(postgres.DataSource), TimeProvider.System);
        var auditStart = (await audit.RecentAsync(Academy, null, 1)).FirstOrDefault()?.Id ?? 0;
        void Configure(IServiceCollection collection)
        {
            if (clusterLock && postgres is not null) collection.AddSingleton<IConnectorDatabase>(new ConnectorDatabase(postgres.DataSource));
            services?.Invoke(collection);
        }
        var host = await BridgeHost.StartAsync([AcademyOf(client, values)], audit, Configure);
        return new ArenaScenario(sim, [client], host, audit, auditStart, values)
        {
            AcademyOrgId = sim.Store.AddOrganization("Académie de Toulouse", "AC-TLS"),
            LyceeOrgId = sim.Store.AddOrganization("Lycée Pierre de Fermat", "0310094J"),
            CollegeOrgId = sim.Store.AddOrganization("Collège Jean Jaurès", "0311240E"),
        };
    }

    /// <summary>Another bridge host on the same iTop and settings, signed in to iTop as <paramref name="itopUser"/> (its own cache and locks).</summary>
    public async Task<BridgeHost> StartAnotherHostAsync(ITopSimUser itopUser, Action<IServiceCollection>? services = null)
    {
        var client = Client(Sim, itopUser);
        _clients.Add(client);
        return await BridgeHost.StartAsync([AcademyOf(client, _settings)], _audit, services);
    }

    private static ITopClient Client(ITopSimulation sim, ITopSimUser user) =>
        sim.CreateClient(o => o with { InstanceName = Academy, User = user.Login, Password = user.Password });

    private static AcademyContext AcademyOf(IITopClient client, IDictionary<string, string?> values) =>
        BridgeHost.Academy(Academy, client, values, new AcademyFieldMap { PersonExternalId = "arena_login", PersonEstablishments = "establishments" });

    /// <summary>The headers ARENA's proxy sends for Jeanne Dupont, teacher at 0310094J.</summary>
    public static Dictionary<string, string?> Headers(
        string login = "jdupont", string? email = "jeanne.dupont@ac-toulouse.fr", string lastName = "Dupont", string firstName = "Jeanne",
        string rne = "0310094J$UAJ$PU$ENS$0310094J$T3$LYC$3000", string? rneResp = "X", string function = "ENS")
    {
        return new Dictionary<string, string?>
        {
            ["ct-remote-user"] = login,
            ["ctemail"] = email,
            ["ctln"] = lastName,
            ["ctfn"] = firstName,
            ["FrEduRne"] = rne,
            ["FrEduRneResp"] = rneResp,
            ["FrEduFonctAdm"] = function,
            ["X-Amigo-Arena-Secret"] = Secret,
            ["Cookie"] = "CTSESSION=abc123",
        };
    }

    public Task<HttpContext> SendAsync(string route, Dictionary<string, string?> headers, IPAddress? remote = null) =>
        Host.SendAsync($"/api/academies/{Academy}/arena/{route}", remote ?? Proxy, headers);

    public Task<HttpContext> LoginAsync(Dictionary<string, string?> headers, IPAddress? remote = null) => SendAsync("login", headers, remote);

    /// <summary>Every iTop write that succeeded, in order, from the simulation's request log, e.g. <c>core/create UserExternal</c>.</summary>
    public IReadOnlyList<string> Writes =>
        Sim.CallLog.Where(c => IsWrite(c.Operation) && Succeeded(c.Body)).Select(c => $"{c.Operation} {c.JsonData!["class"]}").ToList();

    /// <summary>Writes the simulation received, successful or not.</summary>
    public int SimulationWrites => Sim.CallLog.Count(c => IsWrite(c.Operation));

    /// <summary>Every call the simulation received (valid or not).</summary>
    public int CallCount => Sim.CallLog.Count;

    /// <summary>The json_data of the writes of one class, in order (what the bridge sent).</summary>
    public IReadOnlyList<JObject> WritesOf(string className) =>
        Sim.Calls.Where(c => IsWrite((string?)c["operation"]) && (string?)c["class"] == className).ToList();

    public IReadOnlyList<long> Persons => Sim.Store.Ids("Person");

    public string? PersonField(long id, string attribute) => Sim.Store.GetField("Person", id, attribute);

    /// <summary>The UserExternal accounts.</summary>
    public IReadOnlyList<long> Accounts => Sim.Store.Ids("UserExternal");

    /// <summary>The account of <paramref name="login"/>: its contact and profiles as iTop holds them.</summary>
    public (long Id, long ContactId, IReadOnlyList<string> Profiles) Account(string login = "jdupont")
    {
        var id = Sim.Store.UserIdOf(login) ?? throw new InvalidOperationException($"iTop has no account '{login}'.");
        return (id, long.Parse(Sim.Store.GetField("UserExternal", id, "contactid")!, System.Globalization.CultureInfo.InvariantCulture), Sim.Store.UserProfiles(id));
    }

    /// <summary>The audit entries this scenario wrote, oldest first (PostgreSQL's <c>audit_log</c> with a fixture).</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync() =>
        (await _audit.RecentAsync(Academy, null, 1000)).Where(r => r.Id > _auditStart).OrderBy(r => r.Id).Select(r => r.Entry).ToList();

    public static async Task<JsonElement> JsonAsync(HttpContext context)
    {
        return (await JsonDocument.ParseAsync(context.Response.Body)).RootElement;
    }

    private static bool IsWrite(string? operation) => operation is "core/create" or "core/update" or "core/delete" or "core/apply_stimulus";

    private static bool Succeeded(string body)
    {
        try
        {
            return (int?)JObject.Parse(body)["code"] == 0;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        foreach (var client in _clients) client.Dispose();
        Sim.Dispose();
    }
}
