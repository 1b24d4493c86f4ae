// ReportingBench: every report of the reporting plugin on 1,000,000 synced tickets (median and p95 over N runs),
// against a baseline computed in the same run: the same report from the raw tables, without the plugin's indexes
// and materialized views.
//
//   dotnet run -c Release --project tests/benchmarks/ReportingBench [-- --tickets 1000000 --runs 20 --baseline-runs 3 --fresh --drop --explain]
//
// The data set is kept in database amigo_reporting_bench_<tickets> for the next run (--fresh regenerates, --drop drops it).
// The baseline stops repeating a report after 10 s (slow raw queries run once or twice). --explain also prints
// EXPLAIN (ANALYZE, BUFFERS) of every case.
//
// Database: AMIGO_PG (libpq/Npgsql connection string to a server where it may CREATE DATABASE), else the private test
// cluster of scripts/ensure-postgres.sh.

var options = BenchOptions.Parse(args);
var root = typeof(BenchOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AmigoRepositoryRoot").Value!;
var server = Environment.GetEnvironmentVariable("AMIGO_PG") is { Length: > 0 } fromEnvironment ? fromEnvironment : EnsurePostgres(root);
// The generated data set is kept between runs (COPY of a million rows takes minutes on a busy machine); --fresh rebuilds it.
var databaseName = $"amigo_reporting_bench_{options.Tickets}";
var total = Stopwatch.StartNew();
var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = databaseName, CommandTimeout = 600 }.ConnectionString;
// The reporting plugin's migrations (what the host's runner applies), hashed to know when the data set needs them again.
var reportingMigrations = Amigo.Connector.Data.Migrations.PluginMigrations.FromAssembly("reporting", typeof(ReportRunner).Assembly).Migrations;
var scriptHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Concat(reportingMigrations.Select(m => m.Checksum)))))[..16];
var state = options.Fresh ? null : await ReadBenchState(server, connectionString, databaseName);
var now = state?.GeneratedAt ?? DateTimeOffset.UtcNow;
try
{
    if (state is null)
    {
        await Execute(server, $"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)");
        await Execute(server, $"CREATE DATABASE {databaseName}");
    }
    await using var dataSource = NpgsqlDataSource.Create(connectionString);
    var step = Stopwatch.StartNew();
    if (state is null)
    {
        await Execute(connectionString, await File.ReadAllTextAsync(Path.Combine(root, "src", "Amigo.Connector.Data", "Migrations", "0001_initial.sql")));
        var auditRows = await TicketGenerator.GenerateAsync(dataSource, options.Tickets, now);
        await Execute(connectionString, "CREATE TABLE bench_state (generated_at timestamptz NOT NULL, script_hash text)");
        await using (var mark = dataSource.CreateCommand("INSERT INTO bench_state VALUES (@at, NULL)"))
        {
            mark.Parameters.AddWithValue("at", now.UtcDateTime);
            await mark.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"Generated {options.Tickets:N0} tickets and {auditRows:N0} audit rows with COPY in {step.Elapsed.TotalSeconds:F1} s");
    }
    else
        Console.WriteLine($"Reusing the {options.Tickets:N0} tickets generated at {now:u} in database {databaseName} (--fresh regenerates)");

    if (state?.ScriptHash != scriptHash)
    {
        step.Restart();
        // A changed script may change the materialized views' definitions: rebuild them.
        await Execute(connectionString, string.Join(";", MaterializedViewRefresher.Views.Select(view => $"DROP MATERIALIZED VIEW IF EXISTS {view} CASCADE")));
        await ApplyReportingMigrations(dataSource, reportingMigrations, now);
        await Execute(connectionString, "VACUUM ANALYZE");
        await Execute(connectionString, $"UPDATE bench_state SET script_hash = '{scriptHash}'");
        Console.WriteLine($"Applied the reporting migrations (indexes + materialized views) and VACUUM ANALYZE in {step.Elapsed.TotalSeconds:F1} s");
    }

    var database = new ConnectorDatabase(dataSource);
    // The data set is dated relative to when it was generated: reports read it as of that moment.
    var clock = new FixedClock(now);
    var refreshLog = new RefreshLog<MaterializedViewRefresher>();
    var refresher = new MaterializedViewRefresher(database, clock, refreshLog);
    var runner = new ReportRunner(database, clock);

    Console.WriteLine($"Load average of this machine: {LoadAverage()}");
    step.Restart();
    await refresher.RefreshAsync(TimeSpan.Zero, CancellationToken.None);
    Console.WriteLine($"REFRESH MATERIALIZED VIEW CONCURRENTLY ({MaterializedViewRefresher.Views.Count} views, one transaction) took {step.Elapsed.TotalSeconds:F1} s:");
    foreach (var line in refreshLog.Lines)
        Console.WriteLine("  " + line);
    Console.WriteLine($"Load average of this machine: {LoadAverage()}");
    await PrintDistribution(dataSource);

    var cases = BenchCase.All(now);
    // The plugin's reports first: the baseline then holds an exclusive lock on tickets (its indexes are dropped).
    var measured = new List<(int Rows, List<double> Timings)>();
    var periodSizes = new List<string>();
    foreach (var benchCase in cases)
    {
        var rows = 0;
        var timings = new List<double>();
        for (var run = -2; run < options.Runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var result = await runner.RunAsync(benchCase.Report, benchCase.Filter, CancellationToken.None);
            watch.Stop();
            rows = result.Rows.Count;
            if (run >= 0)
                timings.Add(watch.Elapsed.TotalMilliseconds);
            if (run == options.Runs - 1 && BenchCase.PeriodSize(result) is { } size)
                periodSizes.Add($"  {benchCase.Label,-44} {size,9:N0} tickets resolved in the period ({(benchCase.Filter.To ?? DateOnly.FromDateTime(now.UtcDateTime).AddDays(1)).DayNumber - benchCase.Filter.From!.Value.DayNumber} days)");
        }
        measured.Add((rows, timings));
    }
    Console.WriteLine($"Load average of this machine after the plugin's reports: {LoadAverage()}");
    Console.WriteLine("Periods measured (Toulouse):");
    foreach (var line in periodSizes)
        Console.WriteLine(line);
    if (options.Explain)
        await PlanPrinter.PrintAsync(dataSource, cases);

    var baseline = new RawBaseline(connectionString);
    await baseline.PrepareAsync();
    Console.WriteLine();
    Console.WriteLine($"Report timings on {options.Tickets:N0} tickets (academy toulouse = 45 %, all time unless said; {options.Runs} runs, baseline up to {options.BaselineRuns} runs or 10 s)");
    Console.WriteLine($"{"report",-44} {"rows",6} {"median",9} {"p95",9} | {"baseline median",15} {"p95",9} | {"speed-up",8} {"p95<50ms",8}");
    var allMet = true;
    for (var i = 0; i < cases.Count; i++)
    {
        var (rows, timings) = measured[i];
        var label = cases[i].Label;
        var baselineTimings = await baseline.MeasureAsync(cases[i].Report, cases[i].Filter, options.BaselineRuns);
        var (median, p95) = (Quantile(timings, 0.5), Quantile(timings, 0.95));
        var (baseMedian, baseP95) = (Quantile(baselineTimings, 0.5), Quantile(baselineTimings, 0.95));
        var met = p95 < 50;
        allMet &= met;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-44} {rows,6} {median,7:F2}ms {p95,7:F2}ms | {baseMedian,13:F1}ms {baseP95,7:F1}ms | {baseMedian / median,7:F0}x {(met ? "yes" : "NO"),8}"));
    }
    await baseline.DisposeAsync();
    Console.WriteLine();
    Console.WriteLine(allMet ? "Every report met the p95 < 50 ms target." : "Some reports missed the p95 < 50 ms target.");
    Console.WriteLine($"Load average of this machine at the end: {LoadAverage()}");
    Console.WriteLine($"Total bench time {total.Elapsed.TotalSeconds:F0} s");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    if (options.Drop)
        await Execute(server, $"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)");
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static async Task<(DateTimeOffset GeneratedAt, string? ScriptHash)?> ReadBenchState(string server, string connectionString, string databaseName)
{
    await using (var admin = new NpgsqlConnection(server))
    {
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
        exists.Parameters.AddWithValue("name", databaseName);
        if (await exists.ExecuteScalarAsync() is null)
            return null;
    }
    try
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT generated_at, script_hash FROM bench_state", connection);
        await using var reader = await read.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (new DateTimeOffset(reader.GetDateTime(0)), reader.IsDBNull(1) ? null : reader.GetString(1))
            : null;
    }
    catch (PostgresException)
    {
        return null; // an interrupted generation: start again
    }
}

// The bench database has the connector's first migration only, not the runner's bookkeeping: run the plugin's SQL
// directly in one transaction, with the data set's instant as the host clock (as the runner does).
static async Task ApplyReportingMigrations(NpgsqlDataSource dataSource, IReadOnlyList<Amigo.Connector.Data.Migrations.Migration> migrations, DateTimeOffset now)
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var transaction = await connection.BeginTransactionAsync();
    await using (var clock = new NpgsqlCommand("SELECT set_config('amigo.now', @now, true)", connection, transaction))
    {
        clock.Parameters.AddWithValue("now", now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        await clock.ExecuteNonQueryAsync();
    }
    foreach (var migration in migrations)
    {
        await using var command = new NpgsqlCommand(migration.Sql, connection, transaction) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
    await transaction.CommitAsync();
}

static double Quantile(List<double> values, double fraction)
{
    var sorted = values.Order().ToArray();
    var position = fraction * (sorted.Length - 1);
    var lower = (int)Math.Floor(position);
    var upper = (int)Math.Ceiling(position);
    return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

static async Task Execute(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
    await command.ExecuteNonQueryAsync();
}

static async Task PrintDistribution(NpgsqlDataSource dataSource)
{
    await using var command = dataSource.CreateCommand(
        "SELECT academy_id, count(*), count(*) FILTER (WHERE status_group IN ('Open','Waiting')), count(*) FILTER (WHERE status_group = 'Closed') " +
        "FROM tickets WHERE deleted_at IS NULL GROUP BY academy_id ORDER BY 2 DESC");
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
        Console.WriteLine($"  {reader.GetString(0),-12} {reader.GetInt64(1),9:N0} tickets, {reader.GetInt64(2),7:N0} in progress, {reader.GetInt64(3),9:N0} closed");
}

static string EnsurePostgres(string root)
{
    var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "ensure-postgres.sh")]) { RedirectStandardOutput = true };
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
        throw new InvalidOperationException("scripts/ensure-postgres.sh failed; set AMIGO_PG to a PostgreSQL server.");
    return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
}

internal sealed record BenchOptions(int Tickets, int Runs, int BaselineRuns, bool Fresh, bool Drop, bool Explain)
{
    public static BenchOptions Parse(string[] args)
    {
        int Int(string name, int fallback) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(Int("--tickets", 1_000_000), Int("--runs", 20), Int("--baseline-runs", 3), args.Contains("--fresh"),
            args.Contains("--drop"), args.Contains("--explain"));
    }
}

/// <summary>A clock stopped at the moment the data set was generated.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
