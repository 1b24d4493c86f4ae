namespace Amigo.Connector.Sync.Tests;

/// <summary>An iTop simulation seeded with a small academy, and helpers to sync it into a database and compare.</summary>
internal sealed class SyncScenario : IDisposable
{
    public const string AcademyId = "toulouse";

    public SyncScenario(int tickets = 40, AcademyFieldMap? fieldMap = null, ITopSimulationOptions? options = null)
    {
        Simulation = ITopSimulation.Start(options);
        Simulation.Store.AddAttribute("UserRequest", "uai", "");
        var store = Simulation.Store;
        var rectorat = store.AddOrganization("Rectorat de Toulouse", "0310000A");
        var college = store.AddOrganization("Collège Jean Jaurès", "0311234B", rectorat);
        Organizations = [rectorat, college];
        var alice = store.AddPerson(college, "Alice", "Martin", "alice.martin@ac-toulouse.fr");
        var bruno = store.AddPerson(rectorat, "Bruno", "Durand", "bruno.durand@ac-toulouse.fr");
        var chloe = store.AddPerson(rectorat, "Chloé", "Petit", "chloe.petit@ac-toulouse.fr");
        Persons = [alice, bruno, chloe];
        TeamA = store.AddTeam(rectorat, "DSI Niveau 1", "n1@ac-toulouse.fr", [bruno, chloe]);
        TeamB = store.AddTeam(rectorat, "DSI Niveau 2", null, [chloe]);
        var family = store.AddServiceFamily("Poste de travail");
        Service = store.AddService(rectorat, "Messagerie", family, "Courriel académique");
        Subcategory = store.AddServiceSubcategory(Service, "Mot de passe oublié");
        store.AddServiceSubcategory(Service, "Boîte pleine", "incident");
        store.AddCustomerContract(college, "Contrat collèges", [Service]);

        var statuses = new[] { "new", "assigned", "pending", "resolved", "closed" };
        var start = Simulation.Clock.LocalNow.AddDays(-10);
        for (var i = 0; i < tickets; i++)
        {
            var status = statuses[i % statuses.Length];
            store.AddUserRequest(new ITopSimTicket
            {
                OrgId = college, CallerId = alice, Title = $"Demande {i}", Status = status,
                TeamId = status == "new" ? null : (i % 2 == 0 ? TeamA : TeamB), AgentId = status == "new" ? null : bruno,
                ServiceId = Service, ServiceSubcategoryId = Subcategory, StartDate = start.AddMinutes(i),
                LastUpdate = start.AddMinutes(i + 1), ResolutionDate = status is "resolved" or "closed" ? start.AddMinutes(i + 1) : null,
                Extra = new Dictionary<string, string> { ["uai"] = "0311234B" },
            });
        }

        Academy = CreateAcademy(Simulation.CreateClient(), fieldMap ?? new AcademyFieldMap { EstablishmentUai = "uai" });
    }

    public ITopSimulation Simulation { get; }

    public AcademyContext Academy { get; }

    public long[] Organizations { get; }

    public long[] Persons { get; }

    public long TeamA { get; }

    public long TeamB { get; }

    public long Service { get; }

    public long Subcategory { get; }

    public AcademyContext CreateAcademy(IITopClient client, AcademyFieldMap? fieldMap = null) =>
        new(AcademyId, "Académie de Toulouse", Simulation.Options.TimeZone, BuiltInProfiles.Stock,
            fieldMap ?? Academy.FieldMap, client, new ConfigurationBuilder().Build());

    public SyncEngine Engine(NpgsqlDataSource dataSource, int batchSize = 7, int idWindow = 10, TimeSpan? reconcileInterval = null, int minIdWindow = 100,
        Microsoft.Extensions.Logging.ILogger<SyncEngine>? logger = null) =>
        new(new ConnectorDatabase(dataSource),
            Options.Create(new SyncOptions { BatchSize = batchSize, IdWindow = idWindow, MinIdWindow = minIdWindow, ReconcileInterval = reconcileInterval ?? TimeSpan.FromDays(1) }),
            Simulation.Clock, logger);

    public Task<SyncResult> SyncAsync(NpgsqlDataSource dataSource, bool full = false, IProgress<JobProgress>? progress = null, AcademyContext? academy = null, bool reconcile = false) =>
        Engine(dataSource).SyncAsync(academy ?? Academy, new SyncRequest(full, reconcile), progress);

    /// <summary>The tickets as iTop holds them: id → (ref, title, status, team, agent, last_update).</summary>
    public SortedDictionary<long, string> ITopTickets()
    {
        var store = Simulation.Store;
        return new(store.Ids("UserRequest").ToDictionary(id => id, id => string.Join("|",
            new[] { "ref", "title", "status", "team_id", "agent_id", "org_id", "last_update" }.Select(a => Normalise(store.GetField("UserRequest", id, a))))));
    }

    /// <summary>The same view of the connector's live tickets.</summary>
    public static async Task<SortedDictionary<long, string>> DatabaseTickets(NpgsqlDataSource dataSource, ITopTimeZone zone)
    {
        var result = new SortedDictionary<long, string>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT itop_id, ref, title, status, team_id, agent_id, org_id, last_update FROM tickets WHERE academy_id = @a AND deleted_at IS NULL", connection);
        command.Parameters.AddWithValue("a", AcademyId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            string Id(int i) => reader.IsDBNull(i) ? "" : reader.GetInt64(i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var lastUpdate = reader.IsDBNull(7) ? "" : zone.ToITop(new DateTimeOffset(reader.GetFieldValue<DateTime>(7), TimeSpan.Zero));
            result[reader.GetInt64(0)] = string.Join("|", reader.GetString(1), reader.GetString(2), reader.GetString(3), Id(4), Id(5), Id(6), lastUpdate);
        }

        return result;
    }

    /// <summary>Every synced table of the academy as text, without the times at which the connector did things.</summary>
    public static async Task<string> DumpAsync(NpgsqlDataSource dataSource)
    {
        var queries = new[]
        {
            "SELECT t.* FROM (SELECT itop_id, ref, title, status, status_group, team_id, team_name, agent_id, agent_name, caller_name, caller_email, org_id, org_name, service_id, service_name, servicesubcategory_id, establishment_uai, service_domain, family_group, start_date, resolution_date, last_update, last_update_local, deleted_at IS NOT NULL AS deleted FROM tickets WHERE academy_id = @a) t ORDER BY itop_id",
            "SELECT itop_id, from_status, to_status, itop_last_update FROM status_transitions WHERE academy_id = @a ORDER BY itop_id, id",
            "SELECT itop_id, name, code, parent_id, status FROM organizations WHERE academy_id = @a ORDER BY itop_id",
            "SELECT itop_id, first_name, last_name, email, org_id FROM persons WHERE academy_id = @a ORDER BY itop_id",
            "SELECT itop_id, name, email, org_id FROM teams WHERE academy_id = @a ORDER BY itop_id",
            "SELECT team_id, person_id, role_name FROM team_members WHERE academy_id = @a ORDER BY team_id, person_id",
            "SELECT subcategory_id, subcategory_name, service_id, service_name, family_id, family_name, request_type FROM catalogue_entries WHERE academy_id = @a ORDER BY subcategory_id",
            "SELECT org_id, service_id, contract_id FROM service_offers WHERE academy_id = @a ORDER BY org_id, service_id",
            "SELECT itop_class, last_update_local FROM sync_watermarks WHERE academy_id = @a ORDER BY itop_class",
        };
        var text = new System.Text.StringBuilder();
        await using var connection = await dataSource.OpenConnectionAsync();
        foreach (var query in queries)
        {
            await using var command = new NpgsqlCommand(query, connection);
            command.Parameters.AddWithValue("a", AcademyId);
            await using var reader = await command.ExecuteReaderAsync();
            text.AppendLine(query[..40]);
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }

    private static string Normalise(string? value) => value is null or "" or "0" ? "" : value;

    public void Dispose() => Simulation.Dispose();
}
