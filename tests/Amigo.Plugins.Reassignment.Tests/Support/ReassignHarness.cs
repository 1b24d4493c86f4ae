namespace Amigo.Plugins.Reassignment.Tests.Support;

/// <summary>
/// One Toulouse iTop (which, as in the recordings, also holds the Montpellier teams), optionally a separate Normandie
/// iTop, a fresh migrated database, and the plugin's services wired as the host wires them.
/// </summary>
public sealed class ReassignHarness : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ServiceProvider _services;

    private ReassignHarness(NpgsqlDataSource dataSource, ITopSimulation toulouse, ITopSimulation? normandie, string toulouseSettings,
        string normandieSettings, Func<IITopClient, IITopClient>? wrapNormandie, LifecycleProfile? lifecycle)
    {
        _dataSource = dataSource;
        TlsITop = toulouse;
        Demo = ITopSimulationSeed.Academies(toulouse.Store);
        NormandieITop = normandie;
        Toulouse = TestAcademy.FromJson("toulouse", toulouse.CreateClient(o => o with { InstanceName = "toulouse" }), toulouseSettings,
            "Académie de Toulouse", lifecycle: lifecycle);
        Registry = new TestAcademyRegistry(Toulouse, TestAcademy.FromJson("montpellier", toulouse.CreateClient(o => o with { InstanceName = "montpellier" }), "{}",
            "Académie de Montpellier"));
        if (normandie is not null)
        {
            IITopClient client = normandie.CreateClient(o => o with { InstanceName = "normandie" });
            NormandieClient = wrapNormandie?.Invoke(client) ?? client;
            Normandie = TestAcademy.FromJson("normandie", NormandieClient, normandieSettings, "Académie de Normandie");
            Registry.Add(Normandie);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(toulouse.Clock);
        services.AddSingleton<IConnectorDatabase>(new ConnectorDatabase(dataSource));
        services.AddSingleton<IAuditLog>(Audit);
        services.AddSingleton<IAcademyRegistry>(Registry);
        new ReassignmentPlugin().ConfigureServices(services);
        services.AddSingleton<IPluginJobInvoker>(provider => new InProcessJobInvoker(provider, ReassignmentPlugin.PluginId, typeof(ReassignmentJob)));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Toulouse's (and Montpellier's) iTop.</summary>
    public ITopSimulation TlsITop { get; }
    /// <summary>Normandie's own iTop, when started.</summary>
    public ITopSimulation? NormandieITop { get; }
    /// <summary>Ids of the seeded Toulouse/Montpellier data.</summary>
    public ITopDemoData Demo { get; }
    /// <summary>Toulouse.</summary>
    public AcademyContext Toulouse { get; }
    /// <summary>Normandie (separate iTop), when started.</summary>
    public AcademyContext? Normandie { get; }
    /// <summary>The client the connector uses for Normandie (possibly a fault-injecting decorator).</summary>
    public IITopClient? NormandieClient { get; }
    /// <summary>The academies.</summary>
    public TestAcademyRegistry Registry { get; }
    /// <summary>What the plugin audited.</summary>
    public InMemoryAuditLog Audit { get; } = new();
    /// <summary>The plugin's services.</summary>
    public IServiceProvider Services => _services;

    /// <summary>Starts the harness on a fresh database of <paramref name="postgres"/>.</summary>
    public static async Task<ReassignHarness> StartAsync(PostgresFixture postgres, string toulouseSettings, bool withNormandie = false,
        string normandieSettings = "{}", Func<IITopClient, IITopClient>? wrapNormandie = null,
        LifecycleProfile? lifecycle = null, ITopSimulationOptions? toulouseOptions = null)
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await PostgresFixture.MigratePluginsAsync(connectionString, new ReassignmentPlugin());
        var dataSource = NpgsqlDataSource.Create(connectionString);
        return new ReassignHarness(dataSource, ITopSimulation.Start(toulouseOptions), withNormandie ? ITopSimulation.Start() : null,
            toulouseSettings, normandieSettings, wrapNormandie, lifecycle);
    }

    /// <summary>One reassignment pass, as the scheduled job or the CLI runs it.</summary>
    public async Task<ReassignmentReport> RunAsync(bool dryRun = false, AcademyContext? academy = null)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReassignmentRunner>().RunAsync(academy ?? Toulouse, dryRun, null, null, CancellationToken.None);
    }

    /// <summary>Adds a Toulouse ticket in the simulation and syncs it into the <c>tickets</c> table with its establishment.</summary>
    public async Task<long> AddTicketAsync(long teamId, string? uai, string status = "new", long? agentId = null, string title = "Webmail inaccessible",
        long? callerId = null, long? orgId = null)
    {
        // Hours ago in elapsed time, written as iTop's wall clock: on a DST night "2 h ago" is not the wall clock minus 2.
        var clock = TlsITop.Clock;
        DateTime Ago(int hours) => TimeZoneInfo.ConvertTime(clock.GetUtcNow() - TimeSpan.FromHours(hours), clock.Zone).DateTime;
        var id = TlsITop.Store.AddUserRequest(new ITopSimTicket
        {
            OrgId = orgId ?? Demo.Montpellier, CallerId = callerId ?? Demo.CallerElodie, Title = title, Status = status, TeamId = teamId, AgentId = agentId,
            ServiceId = Demo.ServiceWebmail, ServiceSubcategoryId = Demo.SubcategoryAccess,
            StartDate = Ago(3), AssignmentDate = status is "new" ? null : Ago(2),
        });
        await SyncAsync(id, uai);
        return id;
    }

    /// <summary>Copies a ticket from the Toulouse simulation into the <c>tickets</c> table, as the sync would.</summary>
    public async Task SyncAsync(long id, string? uai)
    {
        string? Field(string attribute) => TlsITop.Store.GetField("UserRequest", id, attribute);
        long? Key(string attribute) => long.TryParse(Field(attribute), out var key) && key > 0 ? key : null;
        DateTimeOffset? Date(string attribute) => ITopTimeZone.ParseLocal(Field(attribute)) is { } local ? Toulouse.ITop.TimeZone.ToInstant(local).ToUniversalTime() : null;
        var status = Field("status")!;
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO tickets (academy_id, itop_id, ref, title, status, status_group, org_id, org_name, caller_id, team_id, team_name, agent_id,
                service_id, service_name, servicesubcategory_id, servicesubcategory_name, establishment_uai, start_date, assignment_date)
            VALUES ('toulouse', @id, @ref, @title, @status, @group, @org, @orgName, @caller, @team, @teamName, @agent, @service, @serviceName,
                @sub, @subName, @uai, @start, @assigned)
            ON CONFLICT (academy_id, itop_id) DO UPDATE SET status = excluded.status, status_group = excluded.status_group, team_id = excluded.team_id,
                team_name = excluded.team_name, agent_id = excluded.agent_id, establishment_uai = excluded.establishment_uai,
                assignment_date = excluded.assignment_date, synced_at = now()
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("ref", Field("ref")!);
        command.Parameters.AddWithValue("title", Field("title")!);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("group", Toulouse.Lifecycle.GroupOf(status).ToString());
        command.Parameters.AddWithValue("org", (object?)Key("org_id") ?? DBNull.Value);
        command.Parameters.AddWithValue("orgName", (object?)Field("org_name") ?? DBNull.Value);
        command.Parameters.AddWithValue("caller", (object?)Key("caller_id") ?? DBNull.Value);
        command.Parameters.AddWithValue("team", (object?)Key("team_id") ?? DBNull.Value);
        command.Parameters.AddWithValue("teamName", (object?)Field("team_name") ?? DBNull.Value);
        command.Parameters.AddWithValue("agent", (object?)Key("agent_id") ?? DBNull.Value);
        command.Parameters.AddWithValue("service", (object?)Key("service_id") ?? DBNull.Value);
        command.Parameters.AddWithValue("serviceName", (object?)Field("service_name") ?? DBNull.Value);
        command.Parameters.AddWithValue("sub", (object?)Key("servicesubcategory_id") ?? DBNull.Value);
        command.Parameters.AddWithValue("subName", (object?)Field("servicesubcategory_name") ?? DBNull.Value);
        command.Parameters.AddWithValue("uai", (object?)uai ?? DBNull.Value);
        command.Parameters.AddWithValue("start", (object?)Date("start_date") ?? DBNull.Value);
        command.Parameters.AddWithValue("assigned", (object?)Date("assignment_date") ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The rows of <c>reassign_moves</c> for Toulouse, newest first.</summary>
    public async Task<IReadOnlyList<MoveRecord>> MovesAsync(string academy = "toulouse")
    {
        var store = _services.GetRequiredService<IMoveStore>();
        return await store.RecentAsync(academy, 100, CancellationToken.None);
    }

    /// <summary>Operations that write (anything but reads) received by a simulation.</summary>
    public static IReadOnlyList<string> Writes(ITopSimulation simulation) =>
        simulation.Calls.Select(call => (string?)call["operation"] ?? "").Where(op => op is not ("core/get" or "list_operations" or "core/check_credentials")).ToList();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _dataSource.DisposeAsync();
        TlsITop.Dispose();
        NormandieITop?.Dispose();
    }
}
