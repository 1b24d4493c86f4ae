namespace Amigo.Connector.RealITop.Tests.Support;

/// <summary>
/// The real connector host (ConnectorApplication, the shipped plugins folder, a fresh PostgreSQL database) with one
/// academy, <c>lab</c>, on the real iTop of the lab, stock lifecycle, the machine's clock (iTop's own).
/// </summary>
public sealed class LabConnector : IAsyncDisposable
{
    public const string Academy = "lab";
    public const string AdminKey = "lab-admin-key-0123456789abcdef";

    private readonly WebApplication _app;

    private LabConnector(WebApplication app, NpgsqlDataSource database)
    {
        _app = app;
        Database = database;
    }

    /// <summary>The connector's database.</summary>
    public NpgsqlDataSource Database { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host; <paramref name="settings"/> adds to (or overrides) the academy's configuration under <c>Amigo:Academies:lab:</c>.</summary>
    public static async Task<LabConnector> StartAsync(PostgresFixture postgres, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var lab = RealITopLab.Current ?? throw new InvalidOperationException("No real iTop lab in the environment.");
        var connectionString = await postgres.CreateDatabaseAsync();
        var configuration = ConnectorTestHost.Configuration(connectionString)
            .WithAcademy(Academy, "Académie du laboratoire", lab.Url, lab.User, lab.Password)
            .WithApiKey(0, "ops", AdminKey);
        configuration["Amigo:Database:MigrateOnStart"] = "true";
        configuration["Amigo:PluginsPath"] = ShippedPlugins.Folder();
        const string prefix = $"Amigo:Academies:{Academy}:";
        configuration[prefix + "ITop:TimeZone"] = RealITopLab.Zone.Id;
        configuration[prefix + "Lifecycle"] = "itop-stock";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[prefix + key] = value;
        var app = ConnectorTestHost.Build(configuration, options =>
        {
            options.ScanPluginsFolder = true;
            options.HostName = "real-itop-tests";
        });
        await app.StartAsync();
        return new LabConnector(app, NpgsqlDataSource.Create(connectionString));
    }

    /// <summary>Runs a job of the academy through the host's job runner, as the scheduler and <c>amigo jobs run</c> do.</summary>
    public Task<JobRunResult> RunAsync(string job, bool dryRun = false, IReadOnlyDictionary<string, string>? arguments = null) =>
        Services.GetRequiredService<JobRunner>().RunAsync(new JobRequest(Academy, job, "test", dryRun)
        {
            Arguments = arguments ?? new Dictionary<string, string>(),
        });

    /// <summary>An HTTP client of the host with the admin key.</summary>
    public HttpClient Client() => _app.Client(AdminKey);

    /// <summary>The synced (not deleted) tickets of the academy, by iTop id.</summary>
    public async Task<Dictionary<long, ITopTicketRow>> SyncedTicketsAsync()
    {
        await using var command = Database.CreateCommand("""
            SELECT itop_id, ref, title, status, org_id, caller_id, team_id, agent_id, service_id, servicesubcategory_id,
                   start_date, assignment_date, resolution_date, close_date, last_update
            FROM tickets WHERE academy_id = $1 AND deleted_at IS NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Academy });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<long, ITopTicketRow>();
        while (await reader.ReadAsync())
        {
            long? Key(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
            DateTimeOffset? Date(int i) => reader.IsDBNull(i) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(i), TimeSpan.Zero);
            var row = new ITopTicketRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Key(4), Key(5), Key(6), Key(7),
                Key(8), Key(9), Date(10), Date(11), Date(12), Date(13), Date(14));
            rows[row.Id] = row;
        }
        return rows;
    }

    /// <summary>Whether the connector recorded a ticket as closed by itself.</summary>
    public async Task<bool> ClosedByConnectorAsync(long itopId)
    {
        await using var command = Database.CreateCommand("SELECT closed_by_connector FROM tickets WHERE academy_id = $1 AND itop_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = Academy });
        command.Parameters.Add(new NpgsqlParameter { Value = itopId });
        return await command.ExecuteScalarAsync() is true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Database.DisposeAsync();
    }
}
