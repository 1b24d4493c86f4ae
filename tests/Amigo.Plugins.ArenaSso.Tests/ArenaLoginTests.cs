using Amigo.Plugins.ArenaSso.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Amigo.Plugins.ArenaSso.Tests;

/// <summary>The login route through the real pipeline, against the WireMock iTop simulation (recordings 57, 58, 59).</summary>
public sealed class ArenaLoginTests
{
    [Fact]
    public async Task First_login_provisions_the_person_the_account_and_the_establishments()
    {
        await using var scenario = await ArenaScenario.StartAsync();

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
        var account = Assert.Single(scenario.Accounts.Accounts);
        Assert.Equal(("jdupont", person), (account.Login, account.ContactId));
        Assert.Equal(["Portal user"], account.Profiles);
        Assert.Equal(["provision.person.create", "provision.user.create"], scenario.Audit.Entries.Select(e => e.Action));
        Assert.All(scenario.Audit.Entries, e => Assert.Equal(("arena", "done"), (e.Actor, e.Outcome)));
        Assert.All(scenario.Sim.CallsOf("core/create"), call => Assert.Equal("amigo arena: provisioning of ARENA login jdupont", (string?)call["comment"]));
    }

    [Fact]
    public async Task Second_login_within_the_cache_time_does_not_call_iTop()
    {
        await using var scenario = await ArenaScenario.StartAsync();
        await scenario.LoginAsync(ArenaScenario.Headers());
        var calls = scenario.CallCount;

        var second = await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status302Found, second.Response.StatusCode);
        Assert.Equal(calls, scenario.CallCount);
    }

    [Fact]
    public async Task Second_login_after_the_cache_time_reads_iTop_but_writes_nothing()
    {
        await using var scenario = await ArenaScenario.StartAsync(s => s["CacheDuration"] = "00:00:00");
        await scenario.LoginAsync(ArenaScenario.Headers());
        var writes = scenario.Writes.Count;
        var simulationWrites = scenario.SimulationWrites;
        var reads = scenario.Sim.CallsOf("core/get").Count;

        var second = await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status302Found, second.Response.StatusCode);
        Assert.True(scenario.Sim.CallsOf("core/get").Count > reads, "iTop was not read again");
        Assert.Equal(writes, scenario.Writes.Count);
        Assert.Equal(simulationWrites, scenario.SimulationWrites);
        Assert.Single(scenario.Persons);
        Assert.Single(scenario.Accounts.Accounts);
    }

    [Fact]
    public async Task An_existing_person_found_by_email_gets_an_account_and_is_not_duplicated()
    {
        await using var scenario = await ArenaScenario.StartAsync();
        var existing = scenario.Sim.Store.AddPerson(scenario.AcademyOrgId, "Jeanne", "Dupont", "jeanne.dupont@ac-toulouse.fr");

        await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal([existing], scenario.Persons);
        Assert.Equal(existing, Assert.Single(scenario.Accounts.Accounts).ContactId);
        // Organization and ARENA fields are brought in line with the headers.
        Assert.Equal(scenario.LyceeOrgId.ToString(), scenario.PersonField(existing, "org_id"));
        Assert.Equal("jdupont", scenario.PersonField(existing, "arena_login"));
        Assert.Equal(["core/update Person", "core/create UserExternal"], scenario.Writes);
    }

    [Fact]
    public async Task Changed_establishments_update_the_person_at_once()
    {
        await using var scenario = await ArenaScenario.StartAsync();
        await scenario.LoginAsync(ArenaScenario.Headers());
        var person = Assert.Single(scenario.Persons);
        var writes = scenario.Writes.Count;

        var moved = await scenario.LoginAsync(ArenaScenario.Headers(
            rne: "0311240E$UAJ$PU$ENS$0311240E$T3$CLG$340,0310094J$UAJ$PU$ENS$0310094J$T3$LYC$3000"));

        Assert.Equal(StatusCodes.Status302Found, moved.Response.StatusCode);
        Assert.Equal("0310094J,0311240E", scenario.PersonField(person, "establishments"));
        Assert.Equal(scenario.CollegeOrgId.ToString(), scenario.PersonField(person, "org_id"));
        Assert.Equal(["core/update Person"], scenario.Writes.Skip(writes));
        Assert.Single(scenario.Persons);
    }

    [Fact]
    public async Task An_establishment_unknown_to_iTop_falls_back_to_the_default_organization()
    {
        await using var scenario = await ArenaScenario.StartAsync();

        await scenario.LoginAsync(ArenaScenario.Headers(rne: "0140096D$UAJ$PU$ENS$0140096D$T3$LYC$3000"));

        Assert.Equal(scenario.AcademyOrgId.ToString(), scenario.PersonField(Assert.Single(scenario.Persons), "org_id"));
    }

    [Fact]
    public async Task A_head_of_establishment_gets_the_shared_requests_profile_and_loses_it_when_no_longer_head()
    {
        await using var scenario = await ArenaScenario.StartAsync();

        await scenario.LoginAsync(ArenaScenario.Headers(function: "DIR", rneResp: "0310094J$UAJ$PU$N$T3$LYC$3000"));
        Assert.Equal(["Portal user", "Portal power user"], Assert.Single(scenario.Accounts.Accounts).Profiles);

        await scenario.LoginAsync(ArenaScenario.Headers(function: "ENS", rneResp: "X"));
        Assert.Equal(["Portal user"], Assert.Single(scenario.Accounts.Accounts).Profiles);
        Assert.Contains(scenario.Audit.Entries, e => e.Action == "provision.user.update");
    }

    [Fact]
    public async Task Profiles_given_by_an_administrator_are_kept()
    {
        await using var scenario = await ArenaScenario.StartAsync();
        var person = scenario.Sim.Store.AddPerson(scenario.LyceeOrgId, "Jeanne", "Dupont", "jeanne.dupont@ac-toulouse.fr");
        scenario.Accounts.AddAccount("jdupont", person, "Support Agent");

        await scenario.LoginAsync(ArenaScenario.Headers(function: "DIR"));

        Assert.Equal(["Support Agent", "Portal user", "Portal power user"], Assert.Single(scenario.Accounts.Accounts).Profiles);
    }

    [Fact]
    public async Task Twenty_simultaneous_first_logins_create_one_person_and_one_account()
    {
        await using var scenario = await ArenaScenario.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => scenario.LoginAsync(ArenaScenario.Headers())));

        Assert.All(responses, r => Assert.Equal(StatusCodes.Status302Found, r.Response.StatusCode));
        Assert.Single(scenario.Persons);
        Assert.Single(scenario.Accounts.Accounts);
        Assert.Equal(["core/create Person", "core/create UserExternal"], scenario.Writes);
    }

    [Fact]
    public async Task Without_rights_on_accounts_the_login_fails_and_a_later_login_does_not_duplicate_the_person()
    {
        // Recording 67: the connector's REST user may not read user accounts.
        await using var scenario = await ArenaScenario.StartAsync();
        scenario.Accounts.DenyAccounts = true;

        var refused = await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status502BadGateway, refused.Response.StatusCode);
        Assert.Empty(scenario.Accounts.Accounts);

        scenario.Accounts.DenyAccounts = false;
        var retried = await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status302Found, retried.Response.StatusCode);
        Assert.Single(scenario.Persons);
        Assert.Single(scenario.Accounts.Accounts);
    }

    [Fact]
    public async Task Two_persons_with_the_same_email_stop_the_login_without_writing()
    {
        await using var scenario = await ArenaScenario.StartAsync();
        scenario.Sim.Store.AddPerson(scenario.AcademyOrgId, "Jeanne", "Dupont", "jeanne.dupont@ac-toulouse.fr");
        scenario.Sim.Store.AddPerson(scenario.LyceeOrgId, "J.", "Dupont", "jeanne.dupont@ac-toulouse.fr");

        var response = await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal(StatusCodes.Status502BadGateway, response.Response.StatusCode);
        Assert.Empty(scenario.Writes);
        Assert.Equal(0, scenario.SimulationWrites);
        Assert.Empty(scenario.Accounts.Accounts);
    }

    [Fact]
    public async Task With_external_id_lookup_the_person_is_found_by_ARENA_login_even_after_an_email_change()
    {
        await using var scenario = await ArenaScenario.StartAsync(s => s["PersonLookup"] = "ExternalId");
        var existing = scenario.Sim.Store.AddPerson(scenario.LyceeOrgId, "Jeanne", "Dupont", "j.dupont@old-domain.fr");
        scenario.Sim.Store.SetFields("Person", existing, new Dictionary<string, string> { ["arena_login"] = "jdupont" });

        await scenario.LoginAsync(ArenaScenario.Headers());

        Assert.Equal([existing], scenario.Persons);
        Assert.Equal("jeanne.dupont@ac-toulouse.fr", scenario.PersonField(existing, "email"));
    }
}
