namespace Amigo.Connector.Host.Tests;

/// <summary>The <c>amigo</c> command line: JSON output and exit codes.</summary>
public sealed class CliTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(Dictionary<string, string?> configuration, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ConnectorCli.RunAsync(args, options => Configure(options, configuration), output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static void Configure(ConnectorHostOptions options, Dictionary<string, string?> configuration)
    {
        options.ScanPluginsFolder = false;
        options.PluginAssemblies.Add(typeof(CountingPlugin).Assembly);
        foreach (var (key, value) in configuration) options.Configuration[key] = value;
    }

    [Fact]
    public async Task Help_lists_the_host_commands_and_not_the_demo()
    {
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "help");
        var (code, output, error) = await RunAsync(configuration, "--help");
        Assert.True(code == ExitCodes.Success, error);
        foreach (var command in new[] { "db", "academies", "plugins", "sync", "jobs", "serve", "check", "probe" })
            Assert.Matches($@"(?m)^\s+{command}\b", output);
        // The demo is its own program (amigo-demo), outside the production binary.
        Assert.DoesNotMatch(@"(?m)^\s+demo\b", output);
    }

    [Fact]
    public async Task Jobs_run_prints_json_and_exits_0()
    {
        var label = Guid.NewGuid().ToString("N");
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), label);
        var (code, output, error) = await RunAsync(configuration, "jobs", "run", "counting.count", "--academy", "toulouse", "--json");
        Assert.True(code == ExitCodes.Success, error);
        var result = JsonDocument.Parse(output).RootElement[0];
        Assert.Equal("succeeded", result.GetProperty("outcome").GetString());
        Assert.Equal(1, CountingJob.Runs[$"{label}:toulouse"]);

        var runs = await RunAsync(configuration, "jobs", "runs", "--academy", "toulouse", "--json");
        Assert.Equal(ExitCodes.Success, runs.Code);
        Assert.Equal("cli", JsonDocument.Parse(runs.Output).RootElement[0].GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task Sync_copies_the_academys_tickets_and_reports_counts()
    {
        using var itop = ITopSimulation.Start();
        var seed = ITopSimulationSeed.Academies(itop.Store);
        foreach (var status in new[] { "new", "assigned", "resolved" })
            itop.Store.AddUserRequest(new ITopSimTicket { OrgId = seed.Toulouse, CallerId = seed.CallerElodie, Title = $"Ticket {status}", Status = status,
                TeamId = seed.HelpdeskTeam, AgentId = status == "new" ? null : seed.AgentHelene });
        var database = await postgres.CreateDatabaseAsync();
        var configuration = TestHosts.Configuration(database, "sync", itop.Url);

        var (code, output, error) = await RunAsync(configuration, "sync", "--academy", "toulouse", "--full", "--json");

        Assert.True(code == ExitCodes.Success, error);
        var result = JsonDocument.Parse(output).RootElement[0];
        Assert.Equal("succeeded", result.GetProperty("outcome").GetString());
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(database);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM tickets WHERE academy_id = 'toulouse' AND deleted_at IS NULL");
        Assert.Equal((long)itop.Store.Count("UserRequest"), (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Unknown_academy_disabled_plugin_and_bad_configuration_have_their_exit_codes()
    {
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "codes");
        Assert.Equal(ExitCodes.NotFound, (await RunAsync(configuration, "jobs", "run", "counting.count", "--academy", "bordeaux")).Code);
        Assert.Equal(ExitCodes.NotFound, (await RunAsync(configuration, "jobs", "run", "counting.count", "--academy", "montpellier")).Code);
        Assert.Equal(ExitCodes.NotFound, (await RunAsync(configuration, "plugins", "enable", "--academy", "toulouse", "nosuch")).Code);

        configuration["Amigo:Academies:toulouse:ITop:Url"] = "not a url";
        var bad = await RunAsync(configuration, "academies", "list");
        Assert.Equal(ExitCodes.InvalidConfiguration, bad.Code);
        Assert.Contains("Academy 'toulouse': Amigo:Academies:toulouse:ITop:Url 'not a url' is not an absolute http(s) URL.", bad.Error);
    }

    [Fact]
    public async Task Plugins_disable_is_stored_and_listed_as_a_database_switch()
    {
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "switch");
        Assert.Equal(ExitCodes.Success, (await RunAsync(configuration, "plugins", "disable", "--academy", "toulouse", "counting")).Code);
        var (code, output, _) = await RunAsync(configuration, "plugins", "list", "--academy", "toulouse", "--json");
        Assert.Equal(ExitCodes.Success, code);
        var state = JsonDocument.Parse(output).RootElement.GetProperty("academies").GetProperty("toulouse").EnumerateArray()
            .Single(p => p.GetProperty("pluginId").GetString() == "counting");
        Assert.False(state.GetProperty("enabled").GetBoolean());
        Assert.Equal("database", state.GetProperty("source").GetString());
        Assert.True(state.GetProperty("enabledInConfiguration").GetBoolean());
    }

    [Fact]
    public async Task Academies_list_and_db_migrate()
    {
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(migrate: false), "db");
        var migrate = await RunAsync(configuration, "db", "migrate", "--json");
        Assert.True(migrate.Code == ExitCodes.Success, migrate.Error);
        Assert.NotEmpty(JsonDocument.Parse(migrate.Output).RootElement.GetProperty("applied").EnumerateArray());
        var again = await RunAsync(configuration, "db", "migrate", "--json");
        Assert.Empty(JsonDocument.Parse(again.Output).RootElement.GetProperty("applied").EnumerateArray());

        var list = await RunAsync(configuration, "academies", "list", "--json");
        Assert.Equal(ExitCodes.Success, list.Code);
        var academies = JsonDocument.Parse(list.Output).RootElement;
        Assert.Equal(["montpellier", "toulouse"], academies.EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal("Académie de Toulouse", academies[1].GetProperty("displayName").GetString());
    }
}
