namespace Amigo.Connector.Host.Tests.Faults;

/// <summary>
/// The iTop a fault case writes to, and what the assertions read back from it: <see cref="SimulatedFaultITop"/> (the
/// stateful simulation) or <see cref="RealFaultITop"/> (the real iTop of the CI lab).
/// </summary>
public abstract class FaultITop : IDisposable
{
    public abstract string Url { get; }
    public abstract string User { get; }
    public abstract string Password { get; }

    /// <summary>A resolved UserRequest (resolved at <paramref name="resolvedLocal"/>, iTop local time); returns id and ref.</summary>
    public abstract Task<(long Id, string Ref)> AddResolvedAsync(DateTime resolvedLocal);

    /// <summary>A new UserRequest in team <paramref name="teamName"/>, no agent; returns id, ref and the team's id.</summary>
    public abstract Task<(long Id, string Ref, long TeamId)> AddNewAsync(string teamName);

    /// <summary>Makes sure a team exists; returns its id.</summary>
    public abstract Task<long> TeamAsync(string name);

    public abstract Task<string?> FieldAsync(long ticketId, string attribute);

    /// <summary>How many REST writes (update, stimulus) the connector made to this ticket.</summary>
    public abstract Task<int> WritesToAsync(long ticketId);

    public abstract void Dispose();
}

/// <summary>The stateful simulation (in this process; the child <c>amigo</c> reaches it over HTTP).</summary>
public sealed class SimulatedFaultITop : FaultITop
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private readonly ITopSimulation _simulation;
    private readonly long _org;
    private readonly long _caller;

    public SimulatedFaultITop()
    {
        // The child process runs on the real clock: the simulated iTop's clock starts at the same instant.
        _simulation = ITopSimulation.Start(new ITopSimulationOptions { StartLocalTime = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime });
        _org = _simulation.Store.AddOrganization("Rectorat de l'académie de Toulouse", "0311240E");
        _caller = _simulation.Store.AddPerson(_org, "Jeanne", "Martin", "jeanne.martin@ac-toulouse.fr");
    }

    public override string Url => _simulation.Url;
    public override string User => ITopSimulationOptions.Connector.Login;
    public override string Password => ITopSimulationOptions.Connector.Password;

    public override Task<(long Id, string Ref)> AddResolvedAsync(DateTime resolvedLocal)
    {
        var id = _simulation.Store.AddUserRequest(new ITopSimTicket
        {
            OrgId = _org, CallerId = _caller, Status = "resolved", StartDate = resolvedLocal.AddDays(-2), AssignmentDate = resolvedLocal.AddDays(-1),
            ResolutionDate = resolvedLocal, LastUpdate = resolvedLocal, Solution = "<p>Le cache du navigateur a été vidé.</p>",
        });
        return Task.FromResult((id, Field(id, "ref")!));
    }

    public override Task<(long Id, string Ref, long TeamId)> AddNewAsync(string teamName)
    {
        var team = Team(teamName);
        var id = _simulation.Store.AddUserRequest(new ITopSimTicket
        {
            OrgId = _org, CallerId = _caller, Status = "new", TeamId = team, StartDate = _simulation.Clock.LocalNow.AddHours(-3),
        });
        return Task.FromResult((id, Field(id, "ref")!, team));
    }

    public override Task<long> TeamAsync(string name) => Task.FromResult(Team(name));

    private long Team(string name) =>
        _simulation.Store.Ids("Team").FirstOrDefault(id => _simulation.Store.GetField("Team", id, "name") == name) is var found and > 0
            ? found
            : _simulation.Store.AddTeam(_org, name);

    public override Task<string?> FieldAsync(long ticketId, string attribute) => Task.FromResult(Field(ticketId, attribute));

    private string? Field(long ticketId, string attribute) => _simulation.Store.GetField("UserRequest", ticketId, attribute);

    public override Task<int> WritesToAsync(long ticketId) => Task.FromResult(WritesTo(ticketId));

    private int WritesTo(long ticketId) =>
        _simulation.CallsOf("core/apply_stimulus").Concat(_simulation.CallsOf("core/update"))
            .Count(call => call["key"] is JToken key && key.Type != JTokenType.Object
                           && long.TryParse(key.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id == ticketId);

    public override void Dispose() => _simulation.Dispose();
}

/// <summary>
/// The real iTop of the CI lab. Tickets are made through REST (with comments that carry no connector key) and their
/// resolution backdated in MariaDB; writes are counted from iTop's own change history: the REST changes on the ticket
/// whose comment (<c>userinfo</c>) carries a connector key in brackets.
/// </summary>
public sealed class RealFaultITop(RealITopLab lab) : FaultITop
{
    private const long Toulouse = 2; // Académie de Toulouse in the lab (the recordings' id)
    private const string Preparation = "Test de panne : préparation du ticket";
    private static readonly string[] RefField = ["ref"];

    private readonly ITopClient _client = new(new ITopClientOptions
    {
        InstanceName = "real-itop-faults", Url = lab.Url, User = lab.User, Password = lab.Password, TimeZone = RealITopLab.Zone,
    });

    public override string Url => lab.Url;
    public override string User => lab.User;
    public override string Password => lab.Password;

    public override async Task<(long Id, string Ref)> AddResolvedAsync(DateTime resolvedLocal)
    {
        var (id, reference) = await CreateAsync(await TeamAsync("HELPDESK"));
        var agent = await lab.ScalarAsync<long>("SELECT MIN(person_id) FROM lnkpersontoteam WHERE team_id = @team", ("@team", await TeamAsync("HELPDESK")));
        await _client.ApplyStimulusAsync(new ITopStimulus("UserRequest", ITopKey.Id(id), "ev_assign",
            new ITopFields().Set("team_id", await TeamAsync("HELPDESK")).Set("agent_id", agent), Preparation, RefField));
        await _client.ApplyStimulusAsync(new ITopStimulus("UserRequest", ITopKey.Id(id), "ev_resolve",
            new ITopFields().Set("solution", "Le cache du navigateur a été vidé."), Preparation, RefField));
        var resolved = resolvedLocal.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        await lab.ExecuteAsync("UPDATE ticket_request SET resolution_date = @at, assignment_date = @at - INTERVAL 1 DAY WHERE id = @id",
            ("@at", resolved), ("@id", id));
        await lab.ExecuteAsync("UPDATE ticket SET last_update = @at, start_date = @at - INTERVAL 2 DAY WHERE id = @id", ("@at", resolved), ("@id", id));
        return (id, reference);
    }

    public override async Task<(long Id, string Ref, long TeamId)> AddNewAsync(string teamName)
    {
        var team = await TeamAsync(teamName);
        var (id, reference) = await CreateAsync(team);
        return (id, reference, team);
    }

    public override async Task<long> TeamAsync(string name) => (await lab.TeamsAsync()).Single(team => team.Value == name).Key;

    public override async Task<string?> FieldAsync(long ticketId, string attribute) =>
        (await _client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Id(ticketId), [attribute]))).Objects.Single().GetString(attribute);

    public override Task<int> WritesToAsync(long ticketId) => lab.ScalarAsync<int>("""
        SELECT COUNT(DISTINCT c.id) FROM priv_change c JOIN priv_changeop o ON o.changeid = c.id
        WHERE o.objclass = 'UserRequest' AND o.objkey = @id AND c.origin = 'webservice-rest' AND c.userinfo LIKE '%[%]%'
        """, ("@id", ticketId));

    public override void Dispose() => _client.Dispose();

    private async Task<(long Id, string Ref)> CreateAsync(long team)
    {
        var caller = await lab.ScalarAsync<long>("SELECT MIN(id) FROM contact WHERE finalclass = 'Person' AND org_id = @org", ("@org", Toulouse));
        var created = await _client.CreateAsync(new ITopWrite("UserRequest", null, new ITopFields()
            .Set("org_id", Toulouse).Set("caller_id", caller).Set("team_id", team)
            .Set("title", "Test de panne : la messagerie ne s'ouvre plus").Set("description", "<p>Ticket d'un test de panne du connecteur.</p>"),
            Preparation, RefField));
        return (created.Key, created.GetString("ref")!);
    }
}
