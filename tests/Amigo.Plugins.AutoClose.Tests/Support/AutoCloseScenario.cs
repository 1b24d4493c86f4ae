namespace Amigo.Plugins.AutoClose.Tests.Support;

/// <summary>
/// One academy wired like production: the stateful simulated iTop (real HTTP client), real PostgreSQL
/// (the <c>tickets</c> copy and the audit log), the plugin's runner and a fake clock shared with the simulation.
/// Each scenario uses its own academy id, so tests share the fixture's database without seeing each other.
/// </summary>
internal sealed class AutoCloseScenario : IDisposable
{
    private readonly ConnectorDatabase _database;
    private readonly long _orgId;

    private AutoCloseScenario(PostgresFixture postgres, DateTime nowLocal, IDictionary<string, string?>? settings)
    {
        AcademyId = "t" + Guid.NewGuid().ToString("N")[..12];
        Simulation = ITopSimulation.Start(new ITopSimulationOptions { StartLocalTime = nowLocal });
        Time = new FakeTimeProvider(Simulation.Clock.GetUtcNow());
        Client = new InterceptingITopClient(Simulation.CreateClient(o => o with { InstanceName = AcademyId }));
        Academy = TestAcademies.Create(AcademyId, Client, settings);
        _database = new ConnectorDatabase(postgres.DataSource);
        Store = new PostgresAutoCloseStore(_database);
        Audit = new PostgresAuditLog(_database, Time);
        _orgId = Simulation.Store.AddOrganization("Rectorat de l'académie", "0140096D");
        CallerId = Simulation.Store.AddPerson(_orgId, "Jeanne", "Martin", "jeanne.martin@ac-normandie.fr");
    }

    public static AutoCloseScenario Create(PostgresFixture postgres, DateTime nowLocal, IDictionary<string, string?>? settings = null) =>
        new(postgres, nowLocal, settings);

    public string AcademyId { get; }
    public ITopSimulation Simulation { get; }
    public FakeTimeProvider Time { get; }
    public InterceptingITopClient Client { get; }
    public AcademyContext Academy { get; }
    public PostgresAutoCloseStore Store { get; }
    public PostgresAuditLog Audit { get; }
    public long CallerId { get; }

    /// <summary>The caller's name as iTop writes it in journals.</summary>
    public string CallerName => Simulation.Store.GetField("Person", CallerId, "friendlyname") ?? "Jeanne Martin";

    /// <summary>Adds a resolved ticket to iTop and its synced copy to the database; returns its id.</summary>
    public async Task<long> AddResolvedAsync(DateTime resolvedLocal, string status = "resolved")
    {
        var id = Simulation.Store.AddUserRequest(new ITopSimTicket
        {
            OrgId = _orgId,
            CallerId = CallerId,
            Status = status,
            StartDate = resolvedLocal.AddDays(-2),
            AssignmentDate = resolvedLocal.AddDays(-1),
            ResolutionDate = resolvedLocal,
            LastUpdate = resolvedLocal,
            Solution = "<p>Le cache du navigateur a été vidé.</p>",
        });
        await using var command = _database.DataSource.CreateCommand("""
            INSERT INTO tickets (academy_id, itop_id, ref, title, status, status_group, caller_id, resolution_date, last_update)
            VALUES (@academy, @id, @ref, 'Demande', @status, 'Resolved', @caller, @resolved, @resolved)
            """);
        command.Parameters.AddWithValue("academy", AcademyId);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("ref", Ref(id));
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("caller", CallerId);
        command.Parameters.AddWithValue("resolved", TestAcademies.ParisTime(resolvedLocal).ToUniversalTime());
        await command.ExecuteNonQueryAsync();
        return id;
    }

    public string Ref(long id) => Simulation.Store.GetField("UserRequest", id, "ref")!;

    /// <summary>Whether the synced copy says the connector closed the ticket (what reports count).</summary>
    public async Task<bool> ClosedByConnectorAsync(long id)
    {
        await using var command = _database.DataSource.CreateCommand("SELECT closed_by_connector FROM tickets WHERE academy_id = @a AND itop_id = @id");
        command.Parameters.AddWithValue("a", AcademyId);
        command.Parameters.AddWithValue("id", id);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    public string? Status(long id) => Simulation.Store.GetField("UserRequest", id, "status");

    /// <summary>Moves both clocks (the runner's and iTop's) to a Paris wall-clock time.</summary>
    public void SetNow(DateTime local)
    {
        Time.SetUtcNow(TestAcademies.ParisTime(local));
        Simulation.Clock.Set(TestAcademies.ParisTime(local));
    }

    public IReadOnlyList<Newtonsoft.Json.Linq.JObject> Writes() =>
        Simulation.Calls.Where(c => (string?)c["operation"] is "core/apply_stimulus" or "core/update" or "core/create" or "core/delete").ToList();

    public Task<AutoCloseReport> RunAsync(bool dryRun = false) =>
        new AutoCloseRunner(Academy, Store, Audit, Time, NullLogger.Instance).RunAsync(new AutoCloseRunOptions(dryRun), CancellationToken.None);

    public async Task<IReadOnlyList<Amigo.Connector.Contracts.Audit.AuditRecord>> AuditAsync() =>
        await Audit.RecentAsync(AcademyId, "autoclose", 500);

    public void Dispose() => Simulation.Dispose();
}
