namespace Amigo.Connector.Testing.RealITop;

/// <summary>
/// The real iTop of <c>scripts/itop-lab.sh</c>, named by the environment that <c>scripts/itop-lab.sh env</c> prints
/// (CI exports it): its REST account and its MariaDB database, read here to check the connector independently.
/// </summary>
public sealed class RealITopLab
{
    private RealITopLab(string url, string user, string password, string database)
    {
        (Url, User, Password, Database) = (url, user, password, database);
    }

    /// <summary>The lab, or null when the environment names none.</summary>
    public static RealITopLab? Current { get; } = FromEnvironment();

    /// <summary>iTop's base URL.</summary>
    public string Url { get; }

    /// <summary>The connector's REST account.</summary>
    public string User { get; }

    /// <summary>Its password.</summary>
    public string Password { get; }

    /// <summary>MariaDB connection string of iTop's database.</summary>
    public string Database { get; }

    /// <summary>iTop's time zone: its database holds this zone's wall-clock times.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(Environment.GetEnvironmentVariable("AMIGO_ITOP_TZ") ?? "Europe/Paris");

    private static RealITopLab? FromEnvironment()
    {
        string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
        if (Get("AMIGO_ITOP_URL") is not { } url || Get("AMIGO_ITOP_USER") is not { } user || Get("AMIGO_ITOP_PASSWORD") is not { } password
            || Get("AMIGO_ITOP_DB_NAME") is not { } name)
            return null;
        var database = new MySqlConnectionStringBuilder
        {
            Server = Get("AMIGO_ITOP_DB_HOST") ?? "127.0.0.1",
            Port = uint.Parse(Get("AMIGO_ITOP_DB_PORT") ?? "3306", CultureInfo.InvariantCulture),
            Database = name,
            UserID = Get("AMIGO_ITOP_DB_USER") ?? "root",
            Password = Get("AMIGO_ITOP_DB_PASSWORD") ?? "",
            CharacterSet = "utf8mb4",
        }.ConnectionString;
        return new RealITopLab(url, user, password, database);
    }

    /// <summary>Every UserRequest as iTop's database holds it, by id.</summary>
    public async Task<Dictionary<long, ITopTicketRow>> UserRequestsAsync()
    {
        await using var connection = new MySqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("""
            SELECT t.id, t.ref, t.title, r.status, t.org_id, t.caller_id, t.team_id, t.agent_id, r.service_id, r.servicesubcategory_id,
                   t.start_date, r.assignment_date, r.resolution_date, t.close_date, t.last_update
            FROM ticket t JOIN ticket_request r ON r.id = t.id
            WHERE t.finalclass = 'UserRequest'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<long, ITopTicketRow>();
        while (await reader.ReadAsync())
        {
            long? Key(int i) => reader.IsDBNull(i) || reader.GetInt64(i) == 0 ? null : reader.GetInt64(i);
            DateTimeOffset? Date(int i) => reader.IsDBNull(i) ? null : ToInstant(reader.GetDateTime(i));
            var row = new ITopTicketRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Key(4), Key(5), Key(6), Key(7),
                Key(8), Key(9), Date(10), Date(11), Date(12), Date(13), Date(14));
            rows[row.Id] = row;
        }
        return rows;
    }

    /// <summary>iTop's teams: id → name.</summary>
    public async Task<Dictionary<long, string>> TeamsAsync()
    {
        await using var connection = new MySqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT id, name FROM contact WHERE finalclass = 'Team'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var teams = new Dictionary<long, string>();
        while (await reader.ReadAsync()) teams[reader.GetInt64(0)] = reader.GetString(1);
        return teams;
    }

    /// <summary>
    /// For each ticket, the attributes its current state makes mandatory but that are empty: what iTop's console would
    /// refuse to save (REST does not check it). Asked of iTop itself (<c>tests/itop-lab/console-check.php</c>).
    /// </summary>
    public async Task<Dictionary<long, string[]>> ConsoleMissingAttributesAsync(IEnumerable<long> ids)
    {
        var itop = Environment.GetEnvironmentVariable("AMIGO_ITOP_LAB_ITOP_DIR") ?? throw new InvalidOperationException("AMIGO_ITOP_LAB_ITOP_DIR is not set");
        var script = Path.Combine(RepositoryRoot(), "tests", "itop-lab", "console-check.php");
        var start = new System.Diagnostics.ProcessStartInfo("php") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-d", "memory_limit=256M", script, itop }.Concat(ids.Select(id => id.ToString(CultureInfo.InvariantCulture))))
            start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"console-check.php failed ({process.ExitCode}): {await error}");
        using var json = System.Text.Json.JsonDocument.Parse(await output);
        return json.RootElement.EnumerateObject().ToDictionary(
            ticket => long.Parse(ticket.Name, CultureInfo.InvariantCulture),
            ticket => ticket.Value.GetProperty("missing").EnumerateArray().Select(code => code.GetString()!).ToArray());
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Amigo.Connector.sln"))) return folder.FullName;
        throw new InvalidOperationException("The repository root (Amigo.Connector.sln) is not above " + AppContext.BaseDirectory);
    }

    /// <summary>A statement on iTop's database (backdating what iTop dates itself).</summary>
    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new MySqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A scalar from iTop's database.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new MySqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>A wall-clock time of iTop's database as an instant (the zone's second reading of an ambiguous hour).</summary>
    public static DateTimeOffset ToInstant(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

/// <summary>A UserRequest in iTop's database (external keys 0 read as null, dates as instants).</summary>
public sealed record ITopTicketRow(long Id, string Ref, string Title, string Status, long? OrgId, long? CallerId, long? TeamId, long? AgentId,
    long? ServiceId, long? SubcategoryId, DateTimeOffset? StartDate, DateTimeOffset? AssignmentDate, DateTimeOffset? ResolutionDate,
    DateTimeOffset? CloseDate, DateTimeOffset? LastUpdate);
