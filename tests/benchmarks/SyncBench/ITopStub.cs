namespace SyncBench;

/// <summary>
/// A zero-latency iTop: a plain Kestrel endpoint answering <c>core/get</c> from pre-generated JSON fragments (one per
/// ticket, in iTop's exact answer shape), so the benchmark measures the connector rather than a mock framework.
/// It understands the queries the sync sends: id windows, the probe beyond a window, <c>last_update &gt;= '…'</c>, and
/// whole reads of the reference classes. Route <c>/{tickets}/webservices/rest.php</c> serves an instance of that size.
/// </summary>
internal sealed partial class ITopStub : IAsyncDisposable
{
    public static readonly DateTime BaseTime = new(2026, 1, 1, 8, 0, 0);
    private readonly byte[][] _tickets;
    private readonly WebApplication _app;

    private ITopStub(int maxTickets, WebApplication app)
    {
        _app = app;
        _tickets = new byte[maxTickets + 1][];
        for (var id = 1; id <= maxTickets; id++)
        {
            _tickets[id] = Encoding.UTF8.GetBytes(TicketJson(id));
        }
    }

    public string BaseUrl(int tickets) => $"{_app.Urls.First()}/{tickets}";

    /// <summary>Local time of ticket <paramref name="id"/>'s last update: one minute apart, so the overlap re-reads a handful.</summary>
    public static string LastUpdate(long id) => BaseTime.AddMinutes(id).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static async Task<ITopStub> StartAsync(int maxTickets)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stub = new ITopStub(maxTickets, app);
        app.MapPost("/{tickets:int}/webservices/rest.php", stub.AnswerAsync);
        await app.StartAsync();
        return stub;
    }

    private async Task AnswerAsync(HttpContext context, int tickets)
    {
        var form = await context.Request.ReadFormAsync();
        var json = JObject.Parse(form["json_data"].ToString());
        var className = (string?)json["class"] ?? "";
        var key = (string?)json["key"] ?? "";
        var fields = ((string?)json["output_fields"] ?? "").Split(',');
        context.Response.ContentType = "application/json";
        // iTop echoes its whole answer at once (the recordings: Connection: close, no chunks), so a client reads it in large
        // pieces. Writing each ticket straight to the response made one HTTP chunk per ticket and per comma: buffered here.
        var body = new BufferedStream(context.Response.Body, 64 * 1024);

        if (className != "UserRequest")
        {
            var objects = ReferenceObjects(className);
            await WriteAsync(body, $"{{\"code\":0,\"message\":\"Found: {objects.Count}\",\"objects\":{(objects.Count == 0 ? "null" : "{" + string.Join(",", objects) + "}")}}}");
            await body.FlushAsync();
            return;
        }

        var (first, last) = Range(key, tickets, (int?)json["limit"]);
        var count = Math.Max(0, last - first + 1);
        await WriteAsync(body, $"{{\"code\":0,\"message\":\"Found: {count}\",\"objects\":");
        if (count == 0)
        {
            await WriteAsync(body, "null}");
            await body.FlushAsync();
            return;
        }

        await WriteAsync(body, "{");
        var idsOnly = fields is ["id"];
        for (var id = first; id <= last; id++)
        {
            if (id > first)
            {
                await body.WriteAsync(","u8.ToArray());
            }

            if (idsOnly)
            {
                await WriteAsync(body, $"\"UserRequest::{id}\":{{\"code\":0,\"message\":\"\",\"class\":\"UserRequest\",\"key\":\"{id}\",\"fields\":{{\"id\":\"{id}\"}}}}");
            }
            else
            {
                await body.WriteAsync(_tickets[id]);
            }
        }

        await WriteAsync(body, "}}");
        await body.FlushAsync();
    }

    private static (long First, long Last) Range(string oql, int tickets, int? limit)
    {
        long first = 1, last = tickets;
        if (LastUpdateSince().Match(oql) is { Success: true } since)
        {
            var from = DateTime.ParseExact(since.Groups[1].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            first = Math.Max(first, (long)Math.Ceiling((from - BaseTime).TotalMinutes));
        }

        if (IdAbove().Match(oql) is { Success: true } above)
        {
            first = Math.Max(first, long.Parse(above.Groups[1].Value, CultureInfo.InvariantCulture) + 1);
        }

        if (IdAtMost().Match(oql) is { Success: true } atMost)
        {
            last = Math.Min(last, long.Parse(atMost.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        if (limit is { } l && last - first + 1 > l)
        {
            last = first + l - 1;
        }

        return (first, last);
    }

    private static List<string> ReferenceObjects(string className)
    {
        string Obj(long id, string fields) => $"\"{className}::{id}\":{{\"code\":0,\"message\":\"\",\"class\":\"{className}\",\"key\":\"{id}\",\"fields\":{{\"id\":\"{id}\",{fields}}}}}";
        return className switch
        {
            "Organization" => [Obj(1, "\"name\":\"Rectorat\",\"code\":\"0310000A\",\"parent_id\":\"0\",\"status\":\"active\""),
                               Obj(2, "\"name\":\"Collège Jean Jaurès\",\"code\":\"0311234B\",\"parent_id\":\"1\",\"status\":\"active\"")],
            "Person" => [Obj(1, "\"first_name\":\"Alice\",\"name\":\"Martin\",\"email\":\"alice@ac.fr\",\"org_id\":\"2\",\"status\":\"active\""),
                         Obj(2, "\"first_name\":\"Bruno\",\"name\":\"Durand\",\"email\":\"bruno@ac.fr\",\"org_id\":\"1\",\"status\":\"active\"")],
            "Team" => [Obj(1, "\"name\":\"DSI N1\",\"email\":\"n1@ac.fr\",\"org_id\":\"1\",\"status\":\"active\"")],
            "lnkPersonToTeam" => [Obj(1, "\"team_id\":\"1\",\"person_id\":\"2\",\"role_name\":\"\"")],
            "ServiceFamily" => [Obj(1, "\"name\":\"Poste de travail\"")],
            "Service" => [Obj(1, "\"name\":\"Messagerie\",\"description\":\"\",\"status\":\"production\",\"servicefamily_id\":\"1\"")],
            "ServiceSubcategory" => [Obj(1, "\"name\":\"Mot de passe\",\"description\":\"\",\"request_type\":\"service_request\",\"status\":\"production\",\"service_id\":\"1\"")],
            "CustomerContract" => [Obj(1, "\"org_id\":\"2\",\"services_list\":[{\"service_id\":\"1\",\"service_name\":\"Messagerie\"}]")],
            _ => [],
        };
    }

    private static string TicketJson(long id)
    {
        var statuses = new[] { "new", "assigned", "pending", "resolved", "closed" };
        var status = statuses[id % statuses.Length];
        var start = BaseTime.AddMinutes(id - 60).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var resolved = status is "resolved" or "closed" ? LastUpdate(id) : "";
        return $"\"UserRequest::{id}\":{{\"code\":0,\"message\":\"\",\"class\":\"UserRequest\",\"key\":\"{id}\",\"fields\":{{" +
               $"\"id\":\"{id}\",\"ref\":\"R-{id:D6}\",\"title\":\"ARENA : erreur 500 \\u00e0 l'ouverture n\\u00b0{id}\",\"status\":\"{status}\"," +
               $"\"operational_status\":\"ongoing\",\"request_type\":\"service_request\",\"impact\":\"3\",\"urgency\":\"2\",\"priority\":\"3\",\"origin\":\"portal\"," +
               $"\"org_id\":\"2\",\"org_name\":\"Coll\\u00e8ge Jean Jaur\\u00e8s\",\"caller_id\":\"1\",\"caller_id_friendlyname\":\"Alice Martin\"," +
               $"\"team_id\":\"{(status == "new" ? 0 : 1)}\",\"team_name\":\"{(status == "new" ? "" : "DSI N1")}\",\"agent_id\":\"{(status == "new" ? 0 : 2)}\"," +
               $"\"agent_id_friendlyname\":\"{(status == "new" ? "" : "Bruno Durand")}\",\"service_id\":\"1\",\"service_name\":\"Messagerie\"," +
               $"\"servicesubcategory_id\":\"1\",\"servicesubcategory_name\":\"Mot de passe\",\"start_date\":\"{start}\",\"assignment_date\":\"{start}\"," +
               $"\"resolution_date\":\"{resolved}\",\"close_date\":\"\",\"last_update\":\"{LastUpdate(id)}\",\"last_pending_date\":\"\"," +
               $"\"pending_reason\":\"\",\"resolution_code\":\"assistance\",\"user_satisfaction\":\"1\"}}}}";
    }

    private static Task WriteAsync(Stream body, string text) => body.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [GeneratedRegex(@"last_update >= '([0-9: -]{19})'")]
    private static partial Regex LastUpdateSince();

    [GeneratedRegex(@"\bid > ([0-9]+)")]
    private static partial Regex IdAbove();

    [GeneratedRegex(@"\bid <= ([0-9]+)")]
    private static partial Regex IdAtMost();
}
