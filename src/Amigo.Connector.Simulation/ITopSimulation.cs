namespace Amigo.Connector.Simulation;

/// <summary>One call received by the simulation.</summary>
/// <param name="Operation">The json_data operation (null when absent).</param>
/// <param name="JsonData">The parsed json_data (null when absent or invalid).</param>
/// <param name="User">The authenticated login (null when authentication failed).</param>
/// <param name="Body">The answer body sent back.</param>
public sealed record ITopSimulatedCall(string? Operation, JObject? JsonData, string? User, string Body);

/// <summary>
/// A stateful iTop 3.2 REST endpoint on an in-process WireMock.Net server, answering like the recordings
/// (string ids, "0" empty keys, <c>objects: null</c>, <c>Found: N</c>, local dates, codes and French messages).
/// Credentials: <c>connector</c>/<c>secret</c>. Seed data through <see cref="Store"/>, move time with <see cref="Clock"/>,
/// break the next calls with the <c>FailNext…</c> methods.
/// </summary>
public sealed class ITopSimulation : IDisposable
{
    private readonly object _sync = new();
    private readonly Queue<Fault> _faults = new();
    private readonly List<ITopSimulatedCall> _calls = [];
    private readonly SimRequestHandler _handler;

    private ITopSimulation(ITopSimulationOptions options)
    {
        Options = options;
        var start = new DateTimeOffset(options.StartLocalTime, options.TimeZone.GetUtcOffset(options.StartLocalTime));
        Clock = new ITopSimulationClock(start, options.TimeZone);
        Store = new ITopSimulationStore(Clock);
        _handler = new SimRequestHandler(Store, options);
        SeedRestUsers(options.Users);
        if (options.SeedDemoData) ITopSimulationSeed.Academies(Store);
        Server = WireMockServer.Start();
        Server.Given(Request.Create().WithPath("/webservices/rest.php").UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(HandleAsync));
    }

    /// <summary>Starts a simulation on a free local port.</summary>
    public static ITopSimulation Start(ITopSimulationOptions? options = null) => new(options ?? new ITopSimulationOptions());

    /// <summary>The settings.</summary>
    public ITopSimulationOptions Options { get; }

    /// <summary>Base URL of the simulated iTop (REST at <c>/webservices/rest.php</c>).</summary>
    public string Url => Server.Url!;

    /// <summary>The WireMock server (its request log holds the raw HTTP requests).</summary>
    public WireMockServer Server { get; }

    /// <summary>The objects.</summary>
    public ITopSimulationStore Store { get; }

    /// <summary>The server's clock (local times written into objects come from it).</summary>
    public ITopSimulationClock Clock { get; }

    /// <summary>The parsed json_data of each call, in arrival order (calls without valid json_data are left out).</summary>
    public IReadOnlyList<JObject> Calls
    {
        get
        {
            lock (_sync) return _calls.Where(c => c.JsonData is not null).Select(c => c.JsonData!).ToList();
        }
    }

    /// <summary>Every call with its operation, user and answer.</summary>
    public IReadOnlyList<ITopSimulatedCall> CallLog
    {
        get
        {
            lock (_sync) return [.. _calls];
        }
    }

    /// <summary>Calls of one operation (e.g. <c>core/apply_stimulus</c>).</summary>
    public IReadOnlyList<JObject> CallsOf(string operation) => Calls.Where(c => (string?)c["operation"] == operation).ToList();

    /// <summary>Forgets the calls received so far.</summary>
    public void ClearCalls()
    {
        lock (_sync) _calls.Clear();
    }

    /// <summary>Client settings for this simulation (user <c>connector</c>, short retry delays).</summary>
    public ITopClientOptions ClientOptions(string instanceName = "simulation") => new()
    {
        InstanceName = instanceName,
        Url = Url,
        User = ITopSimulationOptions.Connector.Login,
        Password = ITopSimulationOptions.Connector.Password,
        TimeZone = Options.TimeZone,
        Timeout = TimeSpan.FromSeconds(10),
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>A client of this simulation; <paramref name="configure"/> may change the settings.</summary>
    public ITopClient CreateClient(Func<ITopClientOptions, ITopClientOptions>? configure = null) =>
        new(configure is null ? ClientOptions() : configure(ClientOptions()));

    /// <summary>The next <paramref name="times"/> calls answer a PHP fatal-error HTML page (nothing applied).</summary>
    public void FailNextWithHtml(int times = 1, int statusCode = 200) => Enqueue(new Fault(FaultKind.Html, statusCode), times);

    /// <summary>The next calls answer HTTP 200 with an empty body (nothing applied).</summary>
    public void FailNextWithEmptyBody(int times = 1) => Enqueue(new Fault(FaultKind.Empty, 200), times);

    /// <summary>The next calls answer a proxy's error page with this HTTP status, e.g. 502 or 503 (nothing applied).</summary>
    public void FailNextWithStatus(int statusCode, int times = 1) => Enqueue(new Fault(FaultKind.Html, statusCode), times);

    /// <summary>The next calls are applied and answered after <paramref name="delay"/> (a client timeout then loses the answer).</summary>
    public void DelayNext(TimeSpan delay, int times = 1) => Enqueue(new Fault(FaultKind.Delay, 200, delay), times);

    /// <summary>The next call is applied, but its answer is cut in the middle (the client cannot know what happened).</summary>
    public void FailNextAfterApplying(int times = 1) => Enqueue(new Fault(FaultKind.Truncate, 200), times);

    /// <summary>The next write is not applied and answered code 0 with <c>objects: null</c> (iTop's silent refusal).</summary>
    public void RefuseNextWriteSilently(int times = 1) => Enqueue(new Fault(FaultKind.SilentRefusal, 200), times);

    /// <summary>Cancels the pending faults.</summary>
    public void ClearFaults()
    {
        lock (_sync) _faults.Clear();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
    }

    // Each REST user is also an account of the simulated iTop (a UserLocal under its user id), as in the recorded lab.
    private void SeedRestUsers(IEnumerable<ITopSimUser> users)
    {
        foreach (var user in users)
            if (long.TryParse(user.UserId, out var id) && !Store.Exists("User", id) && Store.UserIdOf(user.Login) is null)
                Store.AddLocalUser(id, user.Login, user.ProfileNames);
    }

    private void Enqueue(Fault fault, int times)
    {
        lock (_sync)
            for (var i = 0; i < times; i++) _faults.Enqueue(fault);
    }

    private async Task<IResponseMessage> HandleAsync(IRequestMessage request)
    {
        Fault? fault;
        lock (_sync) fault = _faults.Count > 0 ? _faults.Dequeue() : null;
        switch (fault?.Kind)
        {
            case FaultKind.Html:
                Record(new ITopSimulatedCall(null, null, null, "(html fault)"));
                return Answer(fault.Status, fault.Status == 200 ? PhpFatal : ProxyPage(fault.Status), "text/html; charset=UTF-8");
            case FaultKind.Empty:
                Record(new ITopSimulatedCall(null, null, null, ""));
                return Answer(200, "", "text/html; charset=UTF-8");
        }
        var form = ParseForm(request.Body);
        string? version = request.Query is { } query && query.TryGetValue("version", out var values) ? values.FirstOrDefault() : null;
        string? authorization = request.Headers is { } headers && headers.TryGetValue("Authorization", out var auth) ? auth.FirstOrDefault() : null;
        var simRequest = new SimRequest(request.Method.ToUpperInvariant(), version, form, authorization);
        var answer = _handler.Handle(simRequest, fault?.Kind == FaultKind.SilentRefusal, out var jsonData, out var user);
        Record(new ITopSimulatedCall((string?)jsonData?["operation"], jsonData, user, answer.Body));
        if (fault?.Kind == FaultKind.Delay) await Task.Delay(fault.Delay).ConfigureAwait(false);
        var body = fault?.Kind == FaultKind.Truncate ? answer.Body[..(answer.Body.Length / 2)] : answer.Body;
        return Answer(answer.Status, body, answer.ContentType);
    }

    private void Record(ITopSimulatedCall call)
    {
        lock (_sync) _calls.Add(call);
    }

    private static ResponseMessage Answer(int status, string body, string contentType)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        message.AddHeader("Content-Type", contentType);
        message.AddHeader("Cache-Control", "no-store, no-cache, must-revalidate");
        return message;
    }

    private static Dictionary<string, string> ParseForm(string? body)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(body)) return form;
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equal = pair.IndexOf('=');
            var name = Decode(equal < 0 ? pair : pair[..equal]);
            form[name] = equal < 0 ? "" : Decode(pair[(equal + 1)..]);
        }
        return form;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private const string PhpFatal =
        "<br />\n<b>Fatal error</b>:  Allowed memory size of 268435456 bytes exhausted (tried to allocate 20480 bytes) in <b>/var/www/itop/core/dbobject.class.php</b> on line <b>4242</b><br />\n";

    private static string ProxyPage(int status) =>
        $"<html>\r\n<head><title>{status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>{status} Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private enum FaultKind { Html, Empty, Delay, Truncate, SilentRefusal }

    private sealed record Fault(FaultKind Kind, int Status, TimeSpan Delay = default);
}
