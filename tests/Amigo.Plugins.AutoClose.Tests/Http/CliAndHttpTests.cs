namespace Amigo.Plugins.AutoClose.Tests.Http;

public sealed class CliAndHttpTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly DateTime Resolved = new(2026, 11, 2, 9, 15, 0);

    private ServiceProvider HostServices(AutoCloseScenario scenario, bool enabled = true)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IAcademyRegistry>(new TestAcademyRegistry(scenario.Academy) { EnabledPlugins = new HashSet<string>(enabled ? [AutoClosePlugin.PluginId] : []) });
        services.AddSingleton<IAuditLog>(scenario.Audit);
        services.AddSingleton<IConnectorDatabase>(new ConnectorDatabase(postgres.DataSource));
        services.AddSingleton<TimeProvider>(scenario.Time);
        services.AddSingleton<IAutoCloseStore>(new PostgresAutoCloseStore(new ConnectorDatabase(postgres.DataSource)));
        services.AddLogging();
        services.AddTransient<AutoCloseJob>();
        services.AddSingleton<IPluginJobInvoker>(provider => new InProcessJobInvoker(provider, AutoClosePlugin.PluginId, typeof(AutoCloseJob)));
        return services.BuildServiceProvider();
    }

    private static async Task<(int Exit, string Output, string Error)> InvokeAsync(IServiceProvider services, params string[] args)
    {
        var root = new RootCommand { new AutoClosePlugin().CreateCommands(services).Single() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(["autoclose", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_cli_dry_run_prints_json_decisions_and_writes_nothing()
    {
        using var scenario = AutoCloseScenario.Create(postgres, Resolved.AddDays(15));
        var id = await scenario.AddResolvedAsync(Resolved);
        await using var services = HostServices(scenario);

        var (exit, output, _) = await InvokeAsync(services, "--academy", scenario.AcademyId, "--dry-run", "--json");

        Assert.Equal(JobExitCodes.Succeeded, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("counts").GetProperty("would_close").GetInt64());
        var decision = Assert.Single(json.RootElement.GetProperty("decisions").EnumerateArray());
        Assert.Equal(scenario.Ref(id), decision.GetProperty("ref").GetString());
        Assert.Equal("dry-run", decision.GetProperty("outcome").GetString());
        Assert.Empty(scenario.Writes());
        Assert.Equal("resolved", scenario.Status(id));
    }

    [Fact]
    public async Task The_cli_closes_and_prints_a_summary()
    {
        using var scenario = AutoCloseScenario.Create(postgres, Resolved.AddDays(15));
        var id = await scenario.AddResolvedAsync(Resolved);
        await using var services = HostServices(scenario);

        var (exit, output, _) = await InvokeAsync(services, "--academy", scenario.AcademyId);

        Assert.Equal(JobExitCodes.Succeeded, exit);
        Assert.Contains("closed 1", output);
        Assert.Equal("closed", scenario.Status(id));
        var done = Assert.Single(await scenario.AuditAsync(), r => r.Entry.Outcome == "done");
        Assert.NotNull(done.Entry.JobRunId);
    }

    [Fact]
    public async Task The_cli_refuses_an_unknown_academy_and_a_disabled_plugin()
    {
        using var scenario = AutoCloseScenario.Create(postgres, Resolved.AddDays(15));
        await scenario.AddResolvedAsync(Resolved);

        await using (var services = HostServices(scenario))
        {
            var (exit, _, error) = await InvokeAsync(services, "--academy", "nowhere");
            Assert.Equal((JobExitCodes.NotFound, true), (exit, error.Contains("Unknown academy 'nowhere'")));
        }
        await using (var services = HostServices(scenario, enabled: false))
        {
            var (exit, _, error) = await InvokeAsync(services, "--academy", scenario.AcademyId);
            Assert.Equal((JobExitCodes.NotFound, true), (exit, error.Contains("disabled")));
        }
        Assert.Empty(scenario.Simulation.Calls);
    }

    [Fact]
    public async Task The_decisions_endpoint_lists_the_latest_audit_entries()
    {
        using var scenario = AutoCloseScenario.Create(postgres, Resolved.AddDays(15));
        var id = await scenario.AddResolvedAsync(Resolved);
        await scenario.RunAsync();

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<IAcademyAccessor>(new TestAcademyRegistry(scenario.Academy));
        builder.Services.AddSingleton<IAuditLog>(scenario.Audit);
        await using var app = builder.Build();
        new AutoClosePlugin().MapEndpoints(app.MapGroup("/api/academies/{academy}/autoclose"));
        await app.StartAsync();
        using var client = app.GetTestClient();

        var answer = await client.GetAsync($"/api/academies/{scenario.AcademyId}/autoclose/decisions?limit=10");
        answer.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var entries = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["done", "decided"], entries.Select(e => e.GetProperty("outcome").GetString()));
        Assert.All(entries, e => Assert.Equal(scenario.Ref(id), e.GetProperty("ticketRef").GetString()));
        Assert.Equal(TestAcademies.ParisTime(Resolved.AddDays(14)), entries[0].GetProperty("dueAt").GetDateTimeOffset());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/academies/{scenario.AcademyId}/autoclose/decisions?limit=0")).StatusCode);
    }

    [Fact]
    public void The_plugin_declares_its_job_and_services()
    {
        var plugin = new AutoClosePlugin();
        var job = Assert.Single(plugin.Jobs);
        Assert.Equal(("autoclose", "autoclose", "17 * * * *", typeof(AutoCloseJob)), (plugin.Id, job.Name, job.DefaultSchedule, job.JobType));

        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System); // the host's clock: plugins never register one
        services.AddSingleton<IAuditLog>(new PostgresAuditLog(new ConnectorDatabase(postgres.DataSource), TimeProvider.System));
        services.AddSingleton<IConnectorDatabase>(new ConnectorDatabase(postgres.DataSource));
        services.AddLogging();
        plugin.ConfigureServices(services);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        using var scope = provider.CreateScope();
        Assert.IsType<AutoCloseJob>(scope.ServiceProvider.GetRequiredService(job.JobType));
    }
}
