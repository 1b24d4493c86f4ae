namespace Amigo.Plugins.ArenaSso.Tests;

/// <summary>Two connector hosts behind one load balancer, sharing iTop and the real PostgreSQL database.</summary>
public sealed class ArenaClusterTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Simultaneous_first_logins_on_two_hosts_create_one_person_and_one_account()
    {
        await using var scenario = await ArenaScenario.StartAsync(postgres: postgres, clusterLock: true);
        // The second host: its own process-local locks and cache, the same academy (same iTop) and database.
        await using var secondHost = await scenario.StartAnotherHostAsync(ArenaScenario.BridgeUser,
            services => services.AddSingleton<IConnectorDatabase>(new ConnectorDatabase(postgres.DataSource)));

        var logins = Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? scenario.LoginAsync(ArenaScenario.Headers())
            : secondHost.SendAsync("/api/academies/toulouse/arena/login", ArenaScenario.Proxy, ArenaScenario.Headers()));
        var responses = await Task.WhenAll(logins);

        Assert.All(responses, r => Assert.Equal(StatusCodes.Status302Found, r.Response.StatusCode));
        Assert.Single(scenario.Persons);
        Assert.Single(scenario.Accounts);
        Assert.Equal(["core/create Person", "core/create UserExternal"], scenario.Writes);
        Assert.Equal(2, scenario.SimulationWrites);
    }

    [Fact]
    public async Task Provisioning_is_audited_in_the_connector_database()
    {
        // A database of its own: the class's shared one also receives the other test's entries.
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var audit = new PostgresAuditLog(new ConnectorDatabase(dataSource), TimeProvider.System);
        await using var scenario = await ArenaScenario.StartAsync(services: s => s.AddSingleton<Amigo.Connector.Contracts.Audit.IAuditLog>(audit));

        await scenario.LoginAsync(ArenaScenario.Headers(function: "DIR"));

        var entries = await audit.RecentAsync(ArenaScenario.Academy, "arena", 10);
        Assert.Equal(["provision.user.create", "provision.person.create"], entries.Select(e => e.Entry.Action));
        Assert.All(entries, e => Assert.Equal("done", e.Entry.Outcome));
        Assert.Equal(Assert.Single(scenario.Persons), entries[1].Entry.ITopKey);
        Assert.Equal(scenario.Account().Id, entries[0].Entry.ITopKey);
        Assert.Contains("Portal power user", ((System.Text.Json.JsonElement)entries[0].Entry.After!).GetRawText());
    }
}
