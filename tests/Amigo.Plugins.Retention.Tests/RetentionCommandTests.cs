using Scenario = Amigo.Plugins.Retention.Tests.RetentionRunTests.Scenario;

namespace Amigo.Plugins.Retention.Tests;

/// <summary>The plugin as the host runs it: the CLI through the job invoker, the endpoints, the <c>amigo check</c> line, the settings.</summary>
public sealed class RetentionCommandTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_cli_dry_run_prints_json_and_the_live_run_anonymises_then_the_months_command_counts_them()
    {
        using var s = await Scenario.CreateAsync(postgres);
        await using var services = HostServices(s);

        var (exit, output, _) = await InvokeAsync(services, "--academy", s.AcademyId, "--dry-run", "--json");
        Assert.Equal(JobExitCodes.Succeeded, exit);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal(2, json.RootElement.GetProperty("counts").GetProperty("would_anonymise").GetInt64());
            Assert.Equal(2, json.RootElement.GetProperty("tickets").GetArrayLength());
        }
        Assert.Equal("Imprimante en panne", (await s.RowAsync(s.Old)).Title);

        (exit, output, _) = await InvokeAsync(services, "--academy", s.AcademyId);
        Assert.Equal(JobExitCodes.Succeeded, exit);
        Assert.Contains("2 anonymised", output);
        Assert.Equal(RetentionStore.AnonymisedTitle, (await s.RowAsync(s.Old)).Title);

        (exit, output, _) = await InvokeAsync(services, "months", "--academy", s.AcademyId);
        Assert.Equal(JobExitCodes.Succeeded, exit);
        Assert.Contains("2026-11           2                0", output);

        var months = Assert.IsType<Ok<IReadOnlyList<RetentionMonth>>>(await RetentionEndpoints.MonthsAsync(
            new Registry(s.Academy), services.GetRequiredService<RetentionStore>(), CancellationToken.None));
        Assert.Equal(2, Assert.Single(months.Value!).Anonymised);
        var refused = Assert.IsType<ProblemHttpResult>(await RetentionEndpoints.DecisionsAsync(new Registry(s.Academy), services.GetRequiredService<IAuditLog>(), 0, CancellationToken.None));
        Assert.Equal(StatusCodes.Status400BadRequest, refused.StatusCode);
        var decisions = Assert.IsAssignableFrom<IValueHttpResult>(await RetentionEndpoints.DecisionsAsync(new Registry(s.Academy), services.GetRequiredService<IAuditLog>(), 10, CancellationToken.None));
        Assert.Contains("anonymise", JsonSerializer.Serialize(decisions.Value));
    }

    [Fact]
    public async Task Unknown_academy_disabled_plugin_and_invalid_settings_are_refused_and_change_nothing()
    {
        using var s = await Scenario.CreateAsync(postgres, extra: new() { ["RetentionMonths"] = "0", ["ClosedStatuses:0"] = "resolved" });
        await using var services = HostServices(s);

        Assert.Equal(JobExitCodes.NotFound, (await InvokeAsync(services, "--academy", "nowhere")).Exit);
        await using (var disabled = HostServices(s, enabled: false))
            Assert.Equal(JobExitCodes.NotFound, (await InvokeAsync(disabled, "--academy", s.AcademyId)).Exit);

        var (exit, _, error) = await InvokeAsync(services, "--academy", s.AcademyId);
        Assert.Equal(JobExitCodes.Failed, exit);
        Assert.Contains("RetentionMonths", error);
        Assert.Contains("'resolved' is not a Closed status", error);
        Assert.Equal("Imprimante en panne", (await s.RowAsync(s.Old)).Title);
    }

    [Fact]
    public async Task The_check_line_says_whether_the_account_may_delete_only_when_deletion_is_enabled()
    {
        using var admin = await Scenario.CreateAsync(postgres, deleteInITop: true);
        using var agent = await Scenario.CreateAsync(postgres, deleteInITop: true, admin: false);
        using var off = await Scenario.CreateAsync(postgres, admin: false);
        var preflight = new DeletionRightPreflight();

        Assert.True(Assert.Single(await preflight.CheckAsync(admin.Academy, CancellationToken.None)).Passed);
        var refused = Assert.Single(await preflight.CheckAsync(agent.Academy, CancellationToken.None));
        Assert.False(refused.Passed);
        Assert.Contains("permissions for deleting", refused.Detail);
        Assert.Empty(await preflight.CheckAsync(off.Academy, CancellationToken.None));
        Assert.True(admin.Simulation.Store.Exists("UserRequest", admin.Old));
    }

    [Fact]
    public void The_settings_default_to_twelve_months_the_profile_closed_statuses_and_no_deletion()
    {
        var academy = new AcademyContext("x", "X", TimeZoneInfo.Utc, BuiltInProfiles.Stock, new AcademyFieldMap(), null!, new ConfigurationBuilder().Build());
        var settings = academy.GetValidatedPluginSettings<RetentionSettings>(RetentionPlugin.PluginId);
        Assert.Equal((12, false), (settings.RetentionMonths, settings.DeleteInITop));
        Assert.Equal(BuiltInProfiles.Stock.StatusesIn(StatusGroup.Closed), settings.EffectiveClosedStatuses(BuiltInProfiles.Stock));
        // Twelve months on the academy's wall clock, across the change of time: 10:00 stays 10:00.
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var cutoff = RetentionRunner.Cutoff(new DateTimeOffset(2026, 4, 10, 8, 0, 0, TimeSpan.Zero), 12, paris);
        Assert.Equal(new DateTimeOffset(2025, 4, 10, 10, 0, 0, TimeSpan.FromHours(2)), cutoff);
        Assert.Equal(new DateTimeOffset(2025, 10, 10, 11, 0, 0, TimeSpan.Zero), RetentionRunner.Cutoff(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero), 3, paris));
    }

    private ServiceProvider HostServices(Scenario s, bool enabled = true)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IAcademyRegistry>(new Registry(s.Academy, enabled));
        services.AddSingleton<IConnectorDatabase>(new ConnectorDatabase(postgres.DataSource));
        services.AddSingleton<TimeProvider>(s.Simulation.Clock);
        services.AddSingleton<IAuditLog>(provider => new PostgresAuditLog(provider.GetRequiredService<IConnectorDatabase>(), s.Simulation.Clock));
        services.AddLogging();
        new RetentionPlugin().ConfigureServices(services);
        services.AddSingleton<IPluginJobInvoker>(provider => new InProcessJobInvoker(provider, RetentionPlugin.PluginId, typeof(RetentionJob)));
        return services.BuildServiceProvider();
    }

    private static async Task<(int Exit, string Output, string Error)> InvokeAsync(IServiceProvider services, params string[] args)
    {
        var root = new RootCommand { new RetentionPlugin().CreateCommands(services).Single() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(["retention", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private sealed class Registry(AcademyContext academy, bool enabled = true) : IAcademyRegistry, IAcademyAccessor
    {
        public IReadOnlyList<AcademyContext> All => [academy];
        public AcademyContext Current => academy;
        public AcademyContext? Find(string academyId) => academyId == academy.Id ? academy : null;
        public Task<bool> IsPluginEnabledAsync(string academyId, string pluginId, CancellationToken cancellationToken = default) =>
            Task.FromResult(enabled && academyId == academy.Id && pluginId == RetentionPlugin.PluginId);
    }
}
