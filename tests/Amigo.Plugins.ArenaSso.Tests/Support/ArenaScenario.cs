using System.Net;
using System.Text.Json;
using Amigo.Connector.Contracts.Academies;
using Amigo.Connector.ITop;
using Amigo.Connector.Simulation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Amigo.Plugins.ArenaSso.Tests.Support;

/// <summary>
/// One academy (<c>toulouse</c>) whose iTop is the shared WireMock simulation (Person, Organization) plus the
/// in-memory accounts overlay (UserExternal), with the bridge in front of it.
/// </summary>
internal sealed class ArenaScenario : IAsyncDisposable
{
    public const string Academy = "toulouse";
    public const string Secret = "test-secret-0123456789-abcdefghijklmnop";
    public static readonly IPAddress Proxy = IPAddress.Parse("10.20.0.7");
    public static readonly IPAddress Stranger = IPAddress.Parse("192.0.2.50");

    private readonly ITopClient _client;

    private ArenaScenario(ITopSimulation sim, ITopClient client, UserAccountsOverlay accounts, BridgeHost host, InMemoryAuditLog audit)
    {
        Sim = sim;
        _client = client;
        Accounts = accounts;
        Host = host;
        Audit = audit;
    }

    public ITopSimulation Sim { get; }
    public UserAccountsOverlay Accounts { get; }
    public BridgeHost Host { get; }
    public InMemoryAuditLog Audit { get; }
    public long AcademyOrgId { get; private set; }
    public long LyceeOrgId { get; private set; }
    public long CollegeOrgId { get; private set; }

    public static async Task<ArenaScenario> StartAsync(
        Action<IDictionary<string, string?>>? settings = null, Action<IServiceCollection>? services = null)
    {
        var sim = ITopSimulation.Start();
        sim.Store.AddAttribute("Person", "arena_login");
        sim.Store.AddAttribute("Person", "establishments");
        // The bridge's REST account manages people and accounts: recordings 67 and 79 show the plain connector
        // account cannot, so the bridge runs as an account with those rights (the simulation's administrator).
        var client = sim.CreateClient(o => o with { InstanceName = Academy, User = ITopSimulationOptions.Admin.Login, Password = ITopSimulationOptions.Admin.Password });
        var accounts = new UserAccountsOverlay(client);
        var values = new Dictionary<string, string?>
        {
            ["TrustedProxies:0"] = "10.20.0.0/24",
            ["SharedSecret"] = Secret,
            ["DefaultOrganizationCode"] = "AC-TLS",
            ["HandoffMode"] = "Redirect",
            ["PortalUrl"] = "https://assistance.ac-toulouse.fr/pages/exec.php?exec_module=itop-portal-base&exec_page=index.php&portal_id=itop-portal",
        };
        settings?.Invoke(values);
        var academy = BridgeHost.Academy(Academy, accounts, values,
            new AcademyFieldMap { PersonExternalId = "arena_login", PersonEstablishments = "establishments" });
        var audit = new InMemoryAuditLog();
        var host = await BridgeHost.StartAsync([academy], audit, services);
        var scenario = new ArenaScenario(sim, client, accounts, host, audit)
        {
            AcademyOrgId = sim.Store.AddOrganization("Académie de Toulouse", "AC-TLS"),
            LyceeOrgId = sim.Store.AddOrganization("Lycée Pierre de Fermat", "0310094J"),
            CollegeOrgId = sim.Store.AddOrganization("Collège Jean Jaurès", "0311240E"),
        };
        return scenario;
    }

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

    /// <summary>Every successful iTop write, in order (Person and Organization on the simulation, accounts in the overlay).</summary>
    public IReadOnlyList<string> Writes => Accounts.Writes;

    /// <summary>Writes the WireMock simulation received (its own request log), successful or not.</summary>
    public int SimulationWrites =>
        Sim.Calls.Count(c => (string?)c["operation"] is "core/create" or "core/update" or "core/delete" or "core/apply_stimulus");

    /// <summary>Every iTop call: the simulation's request log plus account reads and writes.</summary>
    public int CallCount => Sim.Calls.Count + Accounts.Reads + Accounts.Writes.Count(w => w.EndsWith(" UserExternal", StringComparison.Ordinal));

    public IReadOnlyList<long> Persons => Sim.Store.Ids("Person");

    public string? PersonField(long id, string attribute) => Sim.Store.GetField("Person", id, attribute);

    public static async Task<JsonElement> JsonAsync(HttpContext context)
    {
        return (await JsonDocument.ParseAsync(context.Response.Body)).RootElement;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _client.Dispose();
        Sim.Dispose();
    }
}
