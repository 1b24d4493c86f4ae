namespace Amigo.Connector.Host.Tests;

/// <summary>
/// <c>amigo check</c> against the simulated iTop 3.2 (the real-iTop test comes with the lab): each ✗ names the problem
/// and the fix, the probes write nothing, <c>serve</c> runs it at start and serves it on <c>/health/ready</c>.
/// </summary>
public sealed class CheckCommandTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly string PluginsFolder = Path.Combine(typeof(CheckCommandTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AmigoHostOutput").Value!, "plugins");

    /// <summary>A stock iTop with tickets in every state the stock profile's actions start from.</summary>
    private static ITopSimulation StockITop(ITopSimulationOptions? options = null)
    {
        // The host runs on the simulated iTop's clock (options.TimeProvider below): the checks take the host's clock.
        var itop = ITopSimulation.Start(options);
        var seed = ITopSimulationSeed.Academies(itop.Store);
        var now = itop.Clock.LocalNow;
        var i = 0;
        foreach (var status in new[] { "new", "escalated_tto", "waiting_for_approval", "approved", "assigned", "escalated_ttr", "pending", "resolved", "closed" })
        {
            for (var copy = 0; copy < 5; copy++)
            {
                itop.Store.AddUserRequest(new ITopSimTicket
                {
                    OrgId = seed.Toulouse, CallerId = seed.CallerElodie, Title = $"Demande {status} {copy}", Status = status,
                    TeamId = status is "new" ? null : seed.TlsTeam, AgentId = status is "new" or "escalated_tto" ? null : seed.AgentSebastien,
                    StartDate = now.AddDays(-3), LastUpdate = now.AddMinutes(-(++i)),
                });
            }
        }
        return itop;
    }

    private async Task<Dictionary<string, string?>> ConfigurationAsync(ITopSimulation itop, string user = "connector", string password = "secret")
    {
        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "check", itop.Url)
            .Where(c => !c.Key.Contains(":Plugins:", StringComparison.Ordinal) && !c.Key.StartsWith("Amigo:Academies:montpellier", StringComparison.Ordinal))
            .ToDictionary(c => c.Key, c => c.Value);
        configuration["Amigo:Academies:toulouse:ITop:User"] = user;
        configuration["Amigo:Academies:toulouse:ITop:Password"] = password;
        configuration["Amigo:Academies:toulouse:ITop:RetryBaseDelay"] = "00:00:00.010";
        configuration["Amigo:PluginsPath"] = PluginsFolder;
        configuration["Amigo:Academies:toulouse:Plugins:autoclose:Enabled"] = "true";
        configuration["Amigo:Academies:toulouse:Plugins:catalogue:Enabled"] = "true";
        configuration["Amigo:Sync:IdWindow"] = "100";
        configuration["Amigo:Sync:MinIdWindow"] = "10";
        return configuration;
    }

    private static async Task<(int Code, string Output, string Error)> CheckAsync(ITopSimulation itop, Dictionary<string, string?> configuration, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ConnectorCli.RunAsync(["check", .. args], options =>
        {
            options.TimeProvider = itop.Clock;
            foreach (var (key, value) in configuration) options.Configuration[key] = value;
        }, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_stock_iTop_and_a_right_configuration_pass_every_check_and_nothing_is_written()
    {
        using var itop = StockITop();
        var before = itop.Store.Ids("UserRequest").ToDictionary(id => id, id => itop.Store.GetField("UserRequest", id, "last_update"));

        var (code, output, error) = await CheckAsync(itop, await ConfigurationAsync(itop));

        Assert.True(code == ExitCodes.Success, output + error);
        Assert.Contains("toulouse (", output);
        Assert.DoesNotContain("✗", output);
        Assert.DoesNotContain("! ", output);
        foreach (var check in new[] { "✓ iTop answers, credentials work", "✓ sync reads", "✓ autoclose: modify UserRequest", "✓ lifecycle statuses", "✓ iTop time zone", "✓ largest sync window" })
            Assert.Contains(check, output);
        Assert.Contains("note: Stimuli", output);
        // Read-only: the probing writes matched nothing.
        Assert.Equal(before, itop.Store.Ids("UserRequest").ToDictionary(id => id, id => itop.Store.GetField("UserRequest", id, "last_update")));
    }

    [Fact]
    public async Task The_example_configuration_passes_against_a_stock_iTop()
    {
        var montpellierAccount = new ITopSimUser("amigo-connector", "montpellier-secret", "amigo-connector", "5")
        {
            Profiles = ["Service Desk Agent", "Support Agent", "REST Services User"],
        };
        using var itop = StockITop(new ITopSimulationOptions { Users = [ITopSimulationOptions.Connector, montpellierAccount] });
        // Unique variable names: other tests set the example's own names to other values in parallel.
        var suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable($"CHECK_TLS_{suffix}", "secret");
        Environment.SetEnvironmentVariable($"CHECK_MPL_{suffix}", "montpellier-secret");
        Environment.SetEnvironmentVariable($"CHECK_KEY_{suffix}", "example-admin-key-0123456789");
        Environment.SetEnvironmentVariable($"CHECK_TKEY_{suffix}", "example-toulouse-key-0123456789");
        var configuration = new Dictionary<string, string?>
        {
            ["Amigo:Database:ConnectionString"] = await postgres.CreateDatabaseAsync(),
            ["Amigo:PluginsPath"] = PluginsFolder,
            ["Amigo:Academies:toulouse:ITop:Url"] = itop.Url,
            ["Amigo:Academies:toulouse:ITop:PasswordEnvironmentVariable"] = $"CHECK_TLS_{suffix}",
            ["Amigo:Academies:montpellier:ITop:Url"] = itop.Url,
            ["Amigo:Academies:montpellier:ITop:PasswordEnvironmentVariable"] = $"CHECK_MPL_{suffix}",
            ["Amigo:ApiKeys:0:KeyEnvironmentVariable"] = $"CHECK_KEY_{suffix}",
            ["Amigo:ApiKeys:1:KeyEnvironmentVariable"] = $"CHECK_TKEY_{suffix}",
        };
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await ConnectorCli.RunAsync(["check", "--config", Path.Combine(ConfigurationValidationTests.FindRepositoryRoot(), "config", "amigo.example.json")], options =>
        {
            options.TimeProvider = itop.Clock;
            foreach (var (key, value) in configuration) options.Configuration[key] = value;
        }, output, error);

        Assert.True(code == ExitCodes.Success, output.ToString() + error);
        Assert.Contains("toulouse (", output.ToString());
        Assert.Contains("montpellier (", output.ToString());
        Assert.DoesNotContain("✗", output.ToString());
        Assert.DoesNotContain("  ! ", output.ToString());
    }

    [Fact]
    public async Task A_plugins_own_check_is_a_line_of_the_preflight()
    {
        // The ARENA bridge in reverse-proxy mode needs iTop served under its path; the simulated iTop is not.
        using var itop = StockITop();
        var configuration = await ConfigurationAsync(itop);
        const string arena = "Amigo:Academies:toulouse:Plugins:arena:";
        configuration[arena + "Enabled"] = "true";
        configuration[arena + "TrustedProxies:0"] = "127.0.0.1/32";
        configuration[arena + "SharedSecret"] = "test-secret-0123456789-abcdefghijklmnop";
        configuration[arena + "DefaultOrganizationCode"] = "AC-TLS";
        configuration[arena + "HandoffMode"] = "ReverseProxy";
        configuration[arena + "ITopWebUrl"] = itop.Url;

        var (code, output, error) = await CheckAsync(itop, configuration);

        Assert.True(code != ExitCodes.Success, output + error);
        Assert.Contains("✗ arena: iTop's portal under the bridge's path", output);
        Assert.Contains("app_root_url", output); // the fix names the setting to change
    }

    [Fact]
    public async Task A_wrong_password_and_an_account_without_REST_rights_are_told_apart()
    {
        using var itop = StockITop();

        var wrong = await CheckAsync(itop, await ConfigurationAsync(itop, password: "not-the-password"));
        var noRest = await CheckAsync(itop, await ConfigurationAsync(itop, user: "norest", password: "norest"));

        Assert.Equal(ExitCodes.Failed, wrong.Code);
        Assert.Contains("✗ iTop answers, credentials work: iTop refuses the login 'connector': Error: Invalid login", wrong.Output);
        Assert.Contains("fix: check Amigo:Academies:toulouse:ITop:User and its password", wrong.Output);
        Assert.Equal(ExitCodes.Failed, noRest.Code);
        Assert.Contains("✗ iTop answers, credentials work: 'norest' signs in but has no REST access", noRest.Output);
        Assert.Contains("fix: in iTop, give the account 'norest' the profile \"REST Services User\"", noRest.Output);
    }

    [Fact]
    public async Task An_unknown_field_map_attribute_is_named_with_its_setting()
    {
        using var itop = StockITop();
        var configuration = await ConfigurationAsync(itop);
        configuration["Amigo:Academies:toulouse:FieldMap:EstablishmentUai"] = "org_code";

        var (code, output, _) = await CheckAsync(itop, configuration, "--academy", "toulouse");

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("✗ attributes of UserRequest: UserRequest has no attribute 'org_code'", output);
        Assert.Contains("fix: Amigo:Academies:toulouse:FieldMap:EstablishmentUai = 'org_code'", output);
    }

    [Fact]
    public async Task A_time_zone_behind_iTops_is_found_from_tickets_dated_in_its_future()
    {
        using var itop = StockITop();
        var configuration = await ConfigurationAsync(itop);
        configuration["Amigo:Academies:toulouse:ITop:TimeZone"] = "UTC"; // iTop writes Europe/Paris times

        var (code, output, _) = await CheckAsync(itop, configuration);

        Assert.True(code == ExitCodes.Failed, output);
        Assert.Contains("✗ iTop time zone:", output);
        Assert.Contains("iTop's local time is ahead of the configured zone", output);
        Assert.Contains("fix: set Amigo:Academies:toulouse:ITop:TimeZone to iTop's zone", output);
    }

    [Fact]
    public async Task The_largest_window_a_memory_limited_iTop_serves_is_found_and_suggested()
    {
        using var itop = StockITop(new ITopSimulationOptions { MemoryLimitObjects = 30 });

        var (code, output, _) = await CheckAsync(itop, await ConfigurationAsync(itop), "--json");

        Assert.Equal(ExitCodes.Success, code); // the sync adapts by itself: a warning, not a stop
        using var json = JsonDocument.Parse(output);
        var window = json.RootElement.GetProperty("academies")[0].GetProperty("lines").EnumerateArray()
            .Single(l => l.GetProperty("check").GetString() == "largest sync window");
        Assert.Equal("Warning", window.GetProperty("outcome").GetString());
        Assert.Contains("HTTP 500", window.GetProperty("detail").GetString());
        Assert.Contains("Amigo:Sync:IdWindow=25", window.GetProperty("fix").GetString());
    }

    [Fact]
    public async Task Serve_runs_the_preflight_at_start_and_serves_it_on_the_readiness_endpoint()
    {
        using var itop = StockITop();
        var configuration = await ConfigurationAsync(itop);
        configuration["Amigo:Academies:montpellier:DisplayName"] = "Académie de Montpellier";
        configuration["Amigo:Academies:montpellier:ITop:Url"] = "http://127.0.0.1:9/"; // no iTop there: must not hold up toulouse
        configuration["Amigo:Academies:montpellier:ITop:User"] = "connector";
        configuration["Amigo:Academies:montpellier:ITop:Password"] = "secret";
        await using var app = ConnectorApplication.Build([], options =>
        {
            options.RunScheduler = false;
            options.RunPreflight = true;
            options.TimeProvider = itop.Clock;
            options.ConfigureWebHost = web => web.UseTestServer();
            foreach (var (key, value) in configuration) options.Configuration[key] = value;
        });
        await app.StartAsync();
        var client = app.GetTestClient();

        HttpResponseMessage response;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((response = await client.GetAsync("/health/ready", timeout.Token)).StatusCode == HttpStatusCode.ServiceUnavailable)
            await Task.Delay(100, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var academies = json.RootElement.GetProperty("academies").EnumerateArray().ToDictionary(a => a.GetProperty("academy").GetString()!);
        Assert.True(academies["toulouse"].GetProperty("ready").GetBoolean());
        Assert.False(academies["montpellier"].GetProperty("ready").GetBoolean());
        await app.StopAsync();
    }
}
