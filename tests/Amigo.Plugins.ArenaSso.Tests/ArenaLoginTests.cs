namespace Amigo.Plugins.ArenaSso.Tests;

/// <summary>
/// The login route through the real pipeline, against the WireMock iTop simulation (Organization and Person as in
/// recordings 57–59, UserExternal and URP_Profiles as iTop 3.2 answers them), auditing into the real PostgreSQL.
/// </summary>
public sealed class ArenaLoginTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Comment = "amigo arena: provisioning of ARENA login jdupont";

    private Task<ArenaScenario> StartAsync(Action<IDictionary<string, string?>>? settings = null) =>
        ArenaScenario.StartAsync(settings, postgres: postgres);

    [Fact]
    public async Task First_login_provisions_the_person_the_account_and_the_establishments()
    {
        await using var scenario = await StartAsync();

        var response = await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status302Found, response.Response.StatusCode);
        Assert.StartsWith("https://assistance.ac-toulouse.fr/pages/exec.php", response.Response.Headers.Location.ToString());
        var person = Assert.Single(scenario.Persons);
        Assert.Equal("Dupont", scenario.PersonField(person, "name"));
        Assert.Equal("Jeanne", scenario.PersonField(person, "first_name"));
        Assert.Equal("jeanne.dupont@ac-toulouse.fr", scenario.PersonField(person, "email"));
        Assert.Equal(scenario.LyceeOrgId.ToString(), scenario.PersonField(person, "org_id"));
        Assert.Equal("jdupont", scenario.PersonField(person, "arena_login"));
        Assert.Equal("0310094J", scenario.PersonField(person, "establishments"));
        var account = scenario.Account();
        Assert.Equal([account.Id], scenario.Accounts);
        Assert.Equal(person, account.ContactId);
        Assert.Equal(["Portal user"], account.Profiles);
        Assert.Equal("FR FR", scenario.Sim.Store.GetField("UserExternal", account.Id, "language"));
        Assert.Equal(["core/create Person", "core/create UserExternal"], scenario.Writes);
        // What went over the wire: the profiles as a link set searched by name, every write with the bridge's comment.
        var created = Assert.Single(scenario.WritesOf("UserExternal"));
        JsonAssert.Equal("""[{"profileid":{"name":"Portal user"}}]""", created["fields"]!["profile_list"]);
        Assert.All(scenario.Sim.CallsOf("core/create"), call => Assert.Equal(Comment, (string?)call["comment"]));
        var audit = await scenario.AuditAsync();
        Assert.Equal(["provision.person.create", "provision.user.create"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal(("arena", "done", 0), (e.Actor, e.Outcome, e.ITopCode)));
        Assert.Equal([person, account.Id], audit.Select(e => e.ITopKey));
    }

    [Fact]
    public async Task Second_login_within_the_cache_time_does_not_call_iTop()
    {
        await using var scenario = await StartAsync();
        await scenario.LoginAsync(ArenaScenario.Headers());
        var calls = scenario.CallCount;

        var second = await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status302Found, second.Response.StatusCode);
        Assert.Equal(calls, scenario.CallCount);
    }

    [Fact]
    public async Task Second_login_after_the_cache_time_reads_iTop_but_writes_nothing()
    {
        await using var scenario = await StartAsync(s => s["CacheDuration"] = "00:00:00");
        await scenario.LoginAsync(ArenaScenario.Headers());
        var writes = scenario.SimulationWrites;
        var reads = scenario.Sim.CallsOf("core/get").Count;
        var audited = (await scenario.AuditAsync()).Count;

        var second = await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status302Found, second.Response.StatusCode);
        Assert.True(scenario.Sim.CallsOf("core/get").Count > reads, "iTop was not read again");
        Assert.Equal(writes, scenario.SimulationWrites);
        Assert.Equal(audited, (await scenario.AuditAsync()).Count);
        Assert.Single(scenario.Persons);
        Assert.Single(scenario.Accounts);
    }

    [Fact]
    public async Task An_existing_person_found_by_email_gets_an_account_and_is_not_duplicated()
    {
        await using var scenario = await StartAsync();
        var existing = scenario.Sim.Store.AddPerson(scenario.AcademyOrgId, "Jeanne", "Dupont", "jeanne.dupont@ac-toulouse.fr");

        await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal([existing], scenario.Persons);
        Assert.Equal(existing, scenario.Account().ContactId);
        // Organization and ARENA fields are brought in line with the headers.
        Assert.Equal(scenario.LyceeOrgId.ToString(), scenario.PersonField(existing, "org_id"));
        Assert.Equal("jdupont", scenario.PersonField(existing, "arena_login"));
        Assert.Equal(["core/update Person", "core/create UserExternal"], scenario.Writes);
    }

    [Fact]
    public async Task Changed_establishments_update_the_person_at_once()
    {
        await using var scenario = await StartAsync();
        await scenario.LoginAsync(ArenaScenario.Headers());
        var person = Assert.Single(scenario.Persons);
        var writes = scenario.Writes.Count;

        var moved = await scenario.LoginAsync(ArenaScenario.Headers(
            rne: "0311240E$UAJ$PU$ENS$0311240E$T3$CLG$340,0310094J$UAJ$PU$ENS$0310094J$T3$LYC$3000"));

        Assert.Equal(StatusCodes.Status302Found, moved.Response.StatusCode);
        Assert.Equal("0310094J,0311240E", scenario.PersonField(person, "establishments"));
        Assert.Equal(scenario.CollegeOrgId.ToString(), scenario.PersonField(person, "org_id"));
        Assert.Equal(["core/update Person"], scenario.Writes.Skip(writes));
        JsonAssert.Equal($$"""{"establishments":"0310094J,0311240E","org_id":{{scenario.CollegeOrgId}}}""", scenario.WritesOf("Person").Last()["fields"]);
        Assert.Single(scenario.Persons);
        Assert.Equal("provision.person.update", (await scenario.AuditAsync()).Last().Action);
    }

    [Fact]
    public async Task An_establishment_unknown_to_iTop_falls_back_to_the_default_organization()
    {
        await using var scenario = await StartAsync();

        await scenario.LoginAsync(ArenaScenario.Headers(rne: "0140096D$UAJ$PU$ENS$0140096D$T3$LYC$3000"));

        Assert.Equal(scenario.AcademyOrgId.ToString(), scenario.PersonField(Assert.Single(scenario.Persons), "org_id"));
    }

    [Fact]
    public async Task A_head_of_establishment_gets_the_shared_requests_profile_and_loses_it_when_no_longer_head()
    {
        await using var scenario = await StartAsync();

        await scenario.LoginAsync(ArenaScenario.Headers(function: "DIR", rneResp: "0310094J$UAJ$PU$N$T3$LYC$3000"));
        Assert.Equal(["Portal user", "Portal power user"], scenario.Account().Profiles);

        await scenario.LoginAsync(ArenaScenario.Headers(function: "ENS", rneResp: "X"));
        Assert.Equal(["Portal user"], scenario.Account().Profiles);
        Assert.Single(scenario.Accounts);
        var update = scenario.WritesOf("UserExternal").Last();
        Assert.Equal("core/update", (string?)update["operation"]);
        JsonAssert.Equal("""[{"profileid":{"name":"Portal user"}}]""", update["fields"]!["profile_list"]);
        Assert.Equal(["provision.person.create", "provision.user.create", "provision.user.update"], (await scenario.AuditAsync()).Select(e => e.Action));
    }

    [Fact]
    public async Task Profiles_given_by_an_administrator_are_kept()
    {
        await using var scenario = await StartAsync();
        var person = scenario.Sim.Store.AddPerson(scenario.LyceeOrgId, "Jeanne", "Dupont", "jeanne.dupont@ac-toulouse.fr");
        scenario.Sim.Store.AddExternalUser("jdupont", person, "Support Agent");

        await scenario.LoginAsync(ArenaScenario.Headers(function: "DIR"));

        Assert.Equal(["Support Agent", "Portal user", "Portal power user"], scenario.Account().Profiles);
        Assert.Equal(["core/update Person", "core/update UserExternal"], scenario.Writes);
    }

    [Fact]
    public async Task Twenty_simultaneous_first_logins_create_one_person_and_one_account()
    {
        await using var scenario = await StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => scenario.LoginAsync(ArenaScenario.Headers())));

        Assert.All(responses, r => Assert.Equal(StatusCodes.Status302Found, r.Response.StatusCode));
        Assert.Single(scenario.Persons);
        Assert.Single(scenario.Accounts);
        // Not one refused attempt either: iTop would have refused a second account with this login.
        Assert.Equal(["core/create Person", "core/create UserExternal"], scenario.Writes);
        Assert.Equal(2, scenario.SimulationWrites);
        Assert.Equal(2, (await scenario.AuditAsync()).Count);
    }

    [Fact]
    public async Task Without_rights_on_accounts_the_login_fails_and_a_later_login_does_not_duplicate_the_person()
    {
        // Recording 67: a REST user whose profiles do not grant accounts may not even read them.
        await using var scenario = await ArenaScenario.StartAsync(postgres: postgres, itopUser: ArenaScenario.PeopleOnlyUser);

        var refused = await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status502BadGateway, refused.Response.StatusCode);
        Assert.Equal("""{"code":1,"message":"The current user does not have enough permissions for reading data of class UserExternal","objects":null}""",
            scenario.Sim.CallLog.Last().Body);
        Assert.Single(scenario.Persons);
        Assert.Empty(scenario.Accounts);

        // An administrator gives the bridge's account its rights (a new client signing in as that account).
        await using var fixedHost = await scenario.StartAnotherHostAsync(ArenaScenario.BridgeUser);
        var retried = await fixedHost.SendAsync($"/api/academies/{ArenaScenario.Academy}/arena/login", ArenaScenario.Proxy, ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status302Found, retried.Response.StatusCode);
        Assert.Single(scenario.Persons);
        Assert.Equal(Assert.Single(scenario.Persons), scenario.Account().ContactId);
        Assert.Equal(["core/create Person", "core/create UserExternal"], scenario.Writes);
    }

    [Fact]
    public async Task A_login_taken_by_a_local_iTop_account_is_refused_by_iTop_and_audited()
    {
        // "admin" is the login of a UserLocal: iTop refuses a second account with it, whatever its class.
        await using var scenario = await StartAsync();

        var response = await scenario.LoginAsync(ArenaScenario.Headers(login: "admin", email: "admin@ac-toulouse.fr"));

        Assert.Equal(StatusCodes.Status502BadGateway, response.Response.StatusCode);
        Assert.Empty(scenario.Accounts);
        var failed = (await scenario.AuditAsync()).Last();
        const string issue = "Le login doit être unique - \"admin\" est déjà utilisé.";
        Assert.Equal(("provision.user.create", "failed", 100), (failed.Action, failed.Outcome, failed.ITopCode));
        Assert.Equal($"Error: {issue}: issues = {{0=>{issue}}}, class = UserExternal, id = -1", failed.ITopMessage);
    }

    [Fact]
    public async Task A_portal_profile_unknown_to_iTop_fails_with_iTops_message()
    {
        await using var scenario = await StartAsync(s => s["PortalProfile"] = "Utilisateur du portail");

        var response = await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status502BadGateway, response.Response.StatusCode);
        Assert.Empty(scenario.Accounts);
        var failed = (await scenario.AuditAsync()).Last();
        Assert.Equal(("provision.user.create", "failed"), (failed.Action, failed.Outcome));
        Assert.Equal("Error: profile_list: profileid: No item found with criteria: name: Utilisateur du portail (Utilisateur du portail)", failed.ITopMessage);
    }

    [Fact]
    public async Task Two_persons_with_the_same_email_stop_the_login_without_writing()
    {
        await using var scenario = await StartAsync();
        scenario.Sim.Store.AddPerson(scenario.AcademyOrgId, "Jeanne", "Dupont", "jeanne.dupont@ac-toulouse.fr");
        scenario.Sim.Store.AddPerson(scenario.LyceeOrgId, "J.", "Dupont", "jeanne.dupont@ac-toulouse.fr");

        var response = await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status502BadGateway, response.Response.StatusCode);
        Assert.Equal(0, scenario.SimulationWrites);
        Assert.Empty(scenario.Accounts);
        Assert.Empty(await scenario.AuditAsync());
    }

    [Fact]
    public async Task With_external_id_lookup_the_person_is_found_by_ARENA_login_even_after_an_email_change()
    {
        await using var scenario = await StartAsync(s => s["PersonLookup"] = "ExternalId");
        var existing = scenario.Sim.Store.AddPerson(scenario.LyceeOrgId, "Jeanne", "Dupont", "j.dupont@old-domain.fr");
        scenario.Sim.Store.SetFields("Person", existing, new Dictionary<string, string> { ["arena_login"] = "jdupont" });

        await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal([existing], scenario.Persons);
        Assert.Equal("jeanne.dupont@ac-toulouse.fr", scenario.PersonField(existing, "email"));
    }
}
