// Usage: dotnet run -c Release --project tests/benchmarks/ITopParse [-- --count 100000 --runs 3]
// Each measurement runs in a child process pinned to one core, so peak memory is that variant's alone.
var arguments = args.ToList();
if (arguments.Count >= 4 && arguments[0] == "--child") return await Child.RunAsync(arguments[1], arguments[2], arguments[3]);

var count = Option("--count", 100_000);
var runs = Math.Max(1, Option("--runs", 3));
var file = Path.Combine(Path.GetTempPath(), $"amigo-itop-answer-{count}.json");
var generation = Stopwatch.StartNew();
AnswerGenerator.Write(file, count);
// A long-running connector parses with warm, fully optimised code: each child first parses a small answer, unmeasured.
var warmUp = Path.Combine(Path.GetTempPath(), "amigo-itop-answer-warmup.json");
AnswerGenerator.Write(warmUp, 10_000);
Console.WriteLine($"Generated a core/get answer of {count:N0} UserRequests ({new FileInfo(file).Length / 1048576.0:F1} MB, {Amigo.Connector.ITop.Model.UserRequest.Fields.Count} fields each) in {generation.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"Runs per variant: {runs} (each in its own process, pinned to one core, workstation non-concurrent GC, after an unmeasured warm-up of 3 x 10,000 tickets)");
Console.WriteLine();

var cold = Spawn("streaming", file, "none");
var results = new Dictionary<string, List<Measure>> { ["pages"] = [], ["streaming"] = [], ["naive"] = [] };
for (var run = 0; run < runs; run++)
    foreach (var variant in results.Keys)
        results[variant].Add(Spawn(variant, file, warmUp));

Console.WriteLine($"{"variant",-10} {"tickets",9} {"wall s",7} {"CPU s",7} {"tickets/s wall",15} {"tickets/CPU-s",14} {"peak WS MB",11} {"peak heap MB",13}  runs (tickets per CPU-second)");
foreach (var (variant, measures) in results)
{
    var rates = measures.Select(m => m.Tickets / m.CpuSeconds).Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{variant,-10} {measures[0].Tickets,9:N0} {Median(measures.Select(m => m.Seconds)),7:F2} {Median(measures.Select(m => m.CpuSeconds)),7:F2} {Median(measures.Select(m => m.Tickets / m.Seconds)),15:N0} {Median(rates),14:N0} {Median(measures.Select(m => m.PeakWorkingSetMb)),11:F0} {Median(measures.Select(m => m.PeakHeapMb)),13:F0}  {string.Join(", ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))}"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{"cold",-10} {cold.Tickets,9:N0} {cold.Seconds,7:F2} {cold.CpuSeconds,7:F2} {cold.Tickets / cold.Seconds,15:N0} {cold.Tickets / cold.CpuSeconds,14:N0} {cold.PeakWorkingSetMb,11:F0} {cold.PeakHeapMb,13:F0}  (streaming in a fresh process, JIT included, 1 run)"));
var streaming = results["streaming"];
var naive = results["naive"];
Console.WriteLine();
Console.WriteLine($"load average at the end: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")} (wall times suffer on a shared machine; CPU time does much less)");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ratio naive/streaming: CPU time x{Median(naive.Select(m => m.CpuSeconds)) / Median(streaming.Select(m => m.CpuSeconds)):F2}, wall time x{Median(naive.Select(m => m.Seconds)) / Median(streaming.Select(m => m.Seconds)):F2}, peak working set x{Median(naive.Select(m => m.PeakWorkingSetMb)) / Median(streaming.Select(m => m.PeakWorkingSetMb)):F1}, peak heap x{Median(naive.Select(m => m.PeakHeapMb)) / Median(streaming.Select(m => m.PeakHeapMb)):F1}"));
var pages = results["pages"];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ratio streaming/pages: CPU time x{Median(streaming.Select(m => m.CpuSeconds)) / Median(pages.Select(m => m.CpuSeconds)):F2} (pages: {Median(pages.Select(m => m.CpuSeconds)) / pages[0].Tickets * 1e6:F1} us of CPU per ticket, what the sync pays to read a ticket)"));
var rate = Median(streaming.Select(m => m.Tickets / m.CpuSeconds));
var peak = Median(streaming.Select(m => m.PeakWorkingSetMb));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"targets (streaming): >= 50,000 tickets/s on one core: {(rate >= 50_000 ? "MET" : "MISSED")} ({rate:N0} per CPU-second, pinned to one core); peak < 100 MB: {(peak < 100 ? "MET" : "MISSED")} ({peak:F0} MB working set)"));
File.Delete(file);
File.Delete(warmUp);
return 0;

int Option(string name, int fallback)
{
    var index = arguments.IndexOf(name);
    return index >= 0 && index + 1 < arguments.Count ? int.Parse(arguments[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static Measure Spawn(string variant, string file, string warmUp)
{
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
    // Run through the same host the parent uses (dotnet exec x.dll, or the apphost).
    if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(Measure).Assembly.Location);
    foreach (var argument in new[] { "--child", variant, file, warmUp }) start.ArgumentList.Add(argument);
    start.Environment["DOTNET_gcServer"] = "0";
    start.Environment["DOTNET_gcConcurrent"] = "0";
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"{variant} failed: {output}");
    return JsonSerializer.Deserialize<Measure>(output.Trim().Split('\n')[^1])!;
}

internal sealed record Measure(string Variant, int Tickets, double Seconds, double CpuSeconds, double PeakWorkingSetMb, double PeakHeapMb);

internal static class Child
{
    public static async Task<int> RunAsync(string variant, string file, string warmUp)
    {
        var process = Process.GetCurrentProcess();
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()) process.ProcessorAffinity = 1;
        // Warm-up rounds with pauses: tiered JIT promotes hot methods in the background, on the same pinned core.
        for (var i = 0; i < (warmUp == "none" ? 0 : 3); i++)
        {
            if (await RunVariantAsync(variant, warmUp) <= 0) return 1;
            await Task.Delay(250);
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long peakHeap = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var heap = GC.GetTotalMemory(false);
                if (heap > Interlocked.Read(ref peakHeap)) Interlocked.Exchange(ref peakHeap, heap);
                try { await Task.Delay(2, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var tickets = await RunVariantAsync(variant, file);
        watch.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        var heapAtEnd = GC.GetTotalMemory(false);
        if (heapAtEnd > peakHeap) peakHeap = heapAtEnd;
        process.Refresh();
        var measure = new Measure(variant, tickets, watch.Elapsed.TotalSeconds, cpu, process.PeakWorkingSet64 / 1048576.0, peakHeap / 1048576.0);
        Console.WriteLine(JsonSerializer.Serialize(measure));
        return tickets > 0 ? 0 : 1;
    }

    private static async Task<int> RunVariantAsync(string variant, string file) => variant switch
    {
        "pages" => await Variants.PagesAsync(file),
        "streaming" => await Variants.StreamingAsync(file),
        _ => Variants.Naive(file),
    };
}
