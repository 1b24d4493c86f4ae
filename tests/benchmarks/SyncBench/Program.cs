// SyncBench: the parent process serves the iTop stub and owns the databases; each size is synced by a fresh child
// process so that its peak memory and CPU time are the connector's own (the stub's work is not counted).
if (args is ["--measure", var url, var measuredSize, var coldConnection, var warmConnection, .. var steadyConnections])
{
    return await Measure.RunAsync(url, int.Parse(measuredSize, CultureInfo.InvariantCulture), coldConnection, warmConnection, steadyConnections);
}

var sizes = args is ["--sizes", var list] ? list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [10_000, 100_000];
Console.WriteLine($"SyncBench: full sync, then no-change syncs, of {string.Join(" and ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} tickets");
Console.WriteLine("stub: plain Kestrel endpoint serving pre-generated iTop JSON fragments (zero latency, same process as the databases, not measured)");
var postgres = new PostgresFixture();
await postgres.InitializeAsync();
try
{
    await using var stub = await ITopStub.StartAsync(sizes.Max());
    var results = new List<JsonElement>();
    foreach (var size in sizes)
    {
        var coldDatabase = await postgres.CreateDatabaseAsync();
        var warmDatabase = await postgres.CreateDatabaseAsync();
        var steadyDatabases = new List<string>();
        for (var i = 0; i < Measure.SteadySyncs; i++)
        {
            steadyDatabases.Add(await postgres.CreateDatabaseAsync());
        }

        var (file, prefix) = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? (path, new[] { typeof(ITopStub).Assembly.Location })
            : (Environment.ProcessPath!, Array.Empty<string>());
        var start = new ProcessStartInfo(file, [.. prefix, "--measure", stub.BaseUrl(size), size.ToString(CultureInfo.InvariantCulture), coldDatabase, warmDatabase, .. steadyDatabases])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            Console.Error.WriteLine(output);
            return 1;
        }

        results.Add(JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last()).RootElement.Clone());
    }

    Console.WriteLine();
    Console.WriteLine("Full sync of a running host (warm: the process has synced once before), then the first sync of a fresh process (cold).");
    Console.WriteLine("| tickets | full sync | tickets/s | cold: full sync, tickets/s, CPU | read-only baseline tickets/s | peak working set | managed heap peak | connector CPU / wall | no-change sync median (p95, max) | no-change calls |");
    Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var r in results)
    {
        double D(string name) => r.GetProperty(name).GetDouble();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {D("tickets"):N0} | {D("fullSeconds"):F2} s | {D("ticketsPerSecond"):N0} | {D("coldSeconds"):F2} s, {D("coldTicketsPerSecond"):N0}/s, {D("coldCpuSeconds"):F2} s | {D("baselineTicketsPerSecond"):N0} | {D("peakWorkingSetMb"):F0} MB | {D("peakHeapMb"):F0} MB | {D("cpuSeconds"):F2} s / {D("fullSeconds"):F2} s = {D("cpuSeconds") / D("fullSeconds"):P0} | {D("noChangeMedianMs"):F0} ms ({D("noChangeP95Ms"):F0}, {D("noChangeMaxMs"):F0}) | {D("noChangeCalls"):F0} |"));
    }

    var large = results[^1];
    var small = results[0];
    double L(string name) => large.GetProperty(name).GetDouble();
    var count = L("tickets");
    // Real iTop 3.2 (shared/itop/README.md): ~75 ms per call, and ~0.1 ms per extra object with an explicit field list.
    var windows = Math.Ceiling(count / new SyncOptions().IdWindow) + 2;
    var itopSeconds = windows * 0.075 + count * 0.0001;
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"targets: >= 20,000 tickets/s -> {L("ticketsPerSecond"):N0} (cold process: {L("coldTicketsPerSecond"):N0}); peak < 200 MB and same order for 10k/100k -> {small.GetProperty("peakWorkingSetMb").GetDouble():F0} MB / {L("peakWorkingSetMb"):F0} MB; no-change < 200 ms -> {L("noChangeMedianMs"):F0} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"a real iTop would need ~{itopSeconds:F1} s for {count:N0} tickets ({windows} calls x 75 ms + 0.1 ms/object); connector CPU per ticket, and share of iTop's time:"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  warm (second sync of the process): {L("cpuSeconds") / count * 1e6:F1} us = {L("cpuSeconds") / itopSeconds:P1} (the JIT compiled for {L("jitSeconds"):F2} s meanwhile: methods reaching their final tier); {L("allocatedBytes") / count:N0} bytes allocated per ticket"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  steady (full sync after {1 + Measure.SteadySyncs + Measure.NoChangeSyncs} syncs, as a host that has run a while): {L("steadyCpuSeconds") / count * 1e6:F1} us = {L("steadyCpuSeconds") / itopSeconds:P1} (JIT {L("steadyJitSeconds"):F2} s; full sync {L("steadySeconds"):F2} s, {count / L("steadySeconds"):N0} tickets/s)"));
    return 0;
}
finally
{
    await postgres.DisposeAsync();
}

internal static class Measure
{
    /// <summary>No-change syncs run after the warm sync: enough for methods run once per sync to reach their final tier (30 calls).</summary>
    public const int NoChangeSyncs = 32;

    /// <summary>Full syncs (each into an empty database) after the no-change ones; the last is reported as steady.</summary>
    public const int SteadySyncs = 2;

    public static async Task<int> RunAsync(string url, int tickets, string coldDatabase, string warmDatabase, IReadOnlyList<string> steadyDatabases)
    {
        var calls = new CountingHandler();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var client = new ITopClient(new ITopClientOptions { InstanceName = "bench", Url = url, User = "connector", Password = "secret", TimeZone = zone }, calls);
        var academy = new AcademyContext("bench", "Académie Bench", zone, BuiltInProfiles.Stock, new AcademyFieldMap(), client, new ConfigurationBuilder().Build());
        // The clock sits just after the last ticket's update, as it would on a live instance.
        var now = new DateTimeOffset(DateTime.SpecifyKind(DateTime.ParseExact(ITopStub.LastUpdate(tickets), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), DateTimeKind.Unspecified), zone.GetUtcOffset(ITopStub.BaseTime)).AddMinutes(1);
        using var logging = Microsoft.Extensions.Logging.LoggerFactory.Create(b =>
        {
            if (Environment.GetEnvironmentVariable("SYNCBENCH_TRACE") == "1")
            {
                b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug);
                b.AddFilter("System", Microsoft.Extensions.Logging.LogLevel.Warning);
                b.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = Microsoft.Extensions.Logging.LogLevel.Trace);
            }
        });

        long peakHeap = 0;
        using var sampler = new Timer(_ => peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false)), null, 0, 20);

        // Cold: the first sync of a freshly started process (JIT warm-up included). Warm: the same full sync into another
        // empty database by the same process, as a running host does every later time.
        await using var coldSource = NpgsqlDataSource.Create(coldDatabase);
        var cold = await FullSyncAsync(Engine(coldSource), academy, tickets);
        await using var warmSource = NpgsqlDataSource.Create(warmDatabase);
        var engine = Engine(warmSource);
        var warm = await FullSyncAsync(engine, academy, tickets);
        if (cold is null || warm is null)
        {
            return 2;
        }

        var noChange = new List<double>();
        long noChangeCalls = 0;
        for (var i = 0; i < NoChangeSyncs; i++)
        {
            var before = calls.Count;
            var timer = Stopwatch.StartNew();
            var result = await engine.SyncAsync(academy, new SyncRequest());
            timer.Stop();
            noChangeCalls = calls.Count - before;
            if (result["tickets.changed"] != 0)
            {
                Console.Error.WriteLine("a no-change sync changed tickets");
                return 3;
            }

            if (i >= 2)
            {
                noChange.Add(timer.Elapsed.TotalMilliseconds); // the first runs warm up the JIT and the pools
            }
        }

        // Steady: the same full sync again, by a process that has synced often enough for its code to have reached its final
        // tier (methods run once per full sync included), each after the JIT's background work is done, as between a host's
        // syncs (minutes apart). The last one is reported.
        var steady = default((TimeSpan Wall, TimeSpan Cpu, TimeSpan Jit, long Allocated));
        foreach (var database in steadyDatabases)
        {
            await JitIdleAsync();
            await using var steadySource = NpgsqlDataSource.Create(database);
            if (await FullSyncAsync(Engine(steadySource), academy, tickets) is not { } run)
            {
                return 2;
            }

            steady = run;
        }

        // Baseline in the same run: the same tickets only read and parsed into the pages the sync consumes (no database),
        // to show what the stub and client cost.
        var fields = new[] { "id", "ref", "title", "status", "last_update" };
        var baseline = Stopwatch.StartNew();
        long read = 0;
        await foreach (var page in client.StreamPagesByIdWindowsAsync("UserRequest", null, fields, new SyncOptions().IdWindow))
        {
            read += page.Count;
        }

        baseline.Stop();
        noChange.Sort();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            tickets,
            coldSeconds = cold.Value.Wall.TotalSeconds,
            coldCpuSeconds = cold.Value.Cpu.TotalSeconds,
            fullSeconds = warm.Value.Wall.TotalSeconds,
            ticketsPerSecond = tickets / warm.Value.Wall.TotalSeconds,
            coldTicketsPerSecond = tickets / cold.Value.Wall.TotalSeconds,
            baselineTicketsPerSecond = read / baseline.Elapsed.TotalSeconds,
            cpuSeconds = warm.Value.Cpu.TotalSeconds,
            jitSeconds = warm.Value.Jit.TotalSeconds,
            allocatedBytes = warm.Value.Allocated,
            steadySeconds = steady.Wall.TotalSeconds,
            steadyCpuSeconds = steady.Cpu.TotalSeconds,
            steadyJitSeconds = steady.Jit.TotalSeconds,
            peakWorkingSetMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,
            peakHeapMb = peakHeap / 1048576.0,
            noChangeMedianMs = noChange[noChange.Count / 2],
            noChangeP95Ms = noChange[(int)Math.Ceiling(noChange.Count * 0.95) - 1],
            noChangeMaxMs = noChange[^1],
            noChangeCalls,
        }));
        return 0;

        SyncEngine Engine(NpgsqlDataSource source) =>
            new(new ConnectorDatabase(source), Options.Create(new SyncOptions()), new FixedClock(now), logging.CreateLogger<SyncEngine>());
    }

    private static async Task JitIdleAsync()
    {
        var compiled = -1L;
        for (var i = 0; i < 50 && System.Runtime.JitInfo.GetCompiledMethodCount() != compiled; i++)
        {
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            await Task.Delay(300);
        }
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu, TimeSpan Jit, long Allocated)?> FullSyncAsync(SyncEngine engine, AcademyContext academy, int tickets)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        var full = await engine.SyncAsync(academy, new SyncRequest(Full: true));
        wall.Stop();
        process.Refresh();
        if (full["tickets.read"] != tickets)
        {
            Console.Error.WriteLine($"expected {tickets} tickets, read {full["tickets.read"]}");
            return null;
        }

        return (wall.Elapsed, process.TotalProcessorTime - cpuBefore, System.Runtime.JitInfo.GetCompilationTime() - jitBefore,
            GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
