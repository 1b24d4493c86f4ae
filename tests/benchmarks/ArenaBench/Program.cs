// ARENA bridge throughput over loopback: the bridge on Kestrel (127.0.0.1), iTop stubbed, cache warm; wrk drives
// a bare endpoint (baseline), whoami and login in the same run. Usage: dotnet run -c Release -- [seconds] [connections]
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var connections = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
const string Secret = "bench-secret-0123456789-abcdefghijklmnop";

var itop = new StubITop();
var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["arena:TrustedProxies:0"] = "127.0.0.1/32",
    ["arena:SharedSecret"] = Secret,
    ["arena:DefaultOrganizationCode"] = "AC-BENCH",
    ["arena:HandoffMode"] = "Redirect",
    ["arena:PortalUrl"] = "https://itop.example/pages/exec.php?exec_module=itop-portal-base&exec_page=index.php&portal_id=itop-portal",
}).Build();
var academy = new AcademyContext("bench", "Académie de test", TimeZoneInfo.Utc, BuiltInProfiles.Stock, new AcademyFieldMap(), itop, settings);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1));
builder.Services.AddSingleton<IAuditLog, DiscardAuditLog>();
builder.Services.AddSingleton<IAcademyAccessor>(new FixedAcademy(academy));
var plugin = new ArenaSsoPlugin();
plugin.ConfigureServices(builder.Services);
var app = builder.Build();
app.MapGet("/ping", () => Results.Text("pong"));
plugin.MapEndpoints(app.MapGroup("/api/academies/{academy}/arena"));
await app.StartAsync();
var baseUrl = app.Urls.First();

string[] identityHeaders =
[
    "ct-remote-user: jbench", "ctemail: jeanne.bench@ac-toulouse.fr", "ctln: Bench", "ctfn: Jeanne",
    "FrEduRne: 0310094J$UAJ$PU$DIR$0310094J$T3$LYC$3000,0311240E$UAJ$PU$ENS$0311240E$T3$CLG$340",
    "FrEduRneResp: 0310094J$UAJ$PU$N$T3$LYC$3000", "FrEduFonctAdm: DIR", $"X-Amigo-Arena-Secret: {Secret}", "Cookie: CTSESSION=bench",
];

// Warm-up: the first login provisions (stub iTop), later ones are served from the cache.
using (var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }))
{
    var warm = new HttpRequestMessage(HttpMethod.Get, baseUrl + "/api/academies/bench/arena/login");
    foreach (var header in identityHeaders)
    {
        var colon = header.IndexOf(':');
        warm.Headers.TryAddWithoutValidation(header[..colon], header[(colon + 1)..].Trim());
    }
    var answer = await client.SendAsync(warm);
    if (answer.StatusCode != HttpStatusCode.Found) throw new InvalidOperationException($"Warm-up login answered {(int)answer.StatusCode}.");
}
var callsAfterWarmUp = itop.Calls;

Console.WriteLine($"ARENA bridge benchmark: Kestrel on {baseUrl}, {Environment.ProcessorCount} cores, {seconds} s per target, {connections} connections, iTop stubbed, cache warm");
var targets = new (string Name, string Path, string[] Headers)[]
{
    ("baseline GET /ping (bare endpoint)", "/ping", []),
    ("GET …/arena/whoami", "/api/academies/bench/arena/whoami", identityHeaders),
    ("GET …/arena/login (warm cache, 302)", "/api/academies/bench/arena/login", identityHeaders),
};
var results = new List<(string Name, double Rps, double P50, double P99)>();
var wrk = FindOnPath("wrk");
// JIT warm-up of every route (tiered compilation) before anything is measured, so the baseline is not penalised.
foreach (var (_, path, headers) in targets)
    _ = wrk is not null
        ? await RunWrkAsync(wrk, baseUrl + path, headers, 2, connections)
        : await LoadLoop.RunAsync(baseUrl + path, headers, TimeSpan.FromSeconds(2), connections);
foreach (var (name, path, headers) in targets)
{
    var (rps, p50, p99) = wrk is not null
        ? await RunWrkAsync(wrk, baseUrl + path, headers, seconds, connections)
        : await LoadLoop.RunAsync(baseUrl + path, headers, TimeSpan.FromSeconds(seconds), connections);
    results.Add((name, rps, p50, p99));
}
await app.StopAsync();

Console.WriteLine($"load tool: {(wrk is null ? "in-process HttpClient loop (wrk not found)" : "wrk")}");
Console.WriteLine($"{"target",-40} {"req/s",12} {"p50 ms",9} {"p99 ms",9}");
foreach (var (name, rps, p50, p99) in results)
    Console.WriteLine($"{name,-40} {rps,12:N0} {p50,9:F2} {p99,9:F2}");
var login = results[^1];
Console.WriteLine($"login vs baseline: {login.Rps / results[0].Rps:P0} of the bare endpoint's throughput, p99 {login.P99 / results[0].P99:F2}x the bare endpoint's");
Console.WriteLine($"machine load average (1 min) at the end: {LoadAverage()}");
Console.WriteLine($"iTop calls during the load: {itop.Calls - callsAfterWarmUp} (warm cache)");
Console.WriteLine($"targets: login >= 5,000 req/s: {(login.Rps >= 5000 ? "met" : "NOT met")}; p99 < 10 ms: {(login.P99 < 10 ? "met" : "NOT met")}");
return 0;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

static string? FindOnPath(string tool) =>
    (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

static async Task<(double Rps, double P50, double P99)> RunWrkAsync(string wrk, string url, string[] headers, int seconds, int connections)
{
    var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in new[] { "-t1", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "5s" }) start.ArgumentList.Add(argument);
    foreach (var header in headers) { start.ArgumentList.Add("-H"); start.ArgumentList.Add(header); }
    start.ArgumentList.Add(url);
    using var process = Process.Start(start)!;
    var output = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0) throw new InvalidOperationException("wrk failed: " + await process.StandardError.ReadToEndAsync());
    if (Regex.IsMatch(output, @"Non-2xx or 3xx responses")) throw new InvalidOperationException("The bridge answered errors under load:\n" + output);
    var rps = double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
    return (rps, Percentile(output, "50%"), Percentile(output, "99%"));
}

static double Percentile(string output, string label)
{
    var match = Regex.Match(output, $@"^\s*{Regex.Escape(label)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
    var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
}

internal sealed class FixedAcademy(AcademyContext academy) : IAcademyAccessor
{
    public AcademyContext Current => academy;
}

internal sealed class DiscardAuditLog : IAuditLog
{
    public Task<long> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default) => Task.FromResult(0L);
    public Task<IReadOnlyList<AuditRecord>> RecentAsync(string academyId, string? actor, int limit, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<AuditRecord>>([]);
    public Task<AuditRecord?> FindByIdempotencyKeyAsync(string academyId, string idempotencyKey, CancellationToken cancellationToken = default) => Task.FromResult<AuditRecord?>(null);
}
