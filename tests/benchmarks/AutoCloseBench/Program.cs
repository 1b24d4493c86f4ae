// Decisions for 100,000 resolved tickets computed from the connector database: the part of an auto-close
// run that grows with the backlog (the iTop reads that follow concern only the due tickets).
const int Tickets = 100_000;
var runs = args.Length > 0 && int.TryParse(args[0], out var asked) ? asked : 7;
const string Academy = "bench";
var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
var now = new DateTimeOffset(2026, 5, 27, 12, 0, 0, TimeSpan.FromHours(2));

await using var database = await BenchDatabase.CreateAsync();
Console.WriteLine($"AutoCloseBench: {Tickets:N0} resolved tickets, {runs} runs per measure, database {database.Name}");

var copy = Stopwatch.StartNew();
await SeedAsync(database.DataSource, Tickets, now);
Console.WriteLine($"seed (binary COPY + ANALYZE): {copy.ElapsedMilliseconds} ms");

var store = new PostgresAutoCloseStore(new ConnectorDatabase(database.DataSource));
var calendar = Policy("Calendar");
var working = Policy("WorkingDays");

var calendarDue = 0;
var calendarTimes = Measure(runs, () => calendarDue = DecideAsync(store, calendar, now).GetAwaiter().GetResult());
var workingDue = 0;
var workingTimes = Measure(runs, () => workingDue = DecideAsync(store, working, now).GetAwaiter().GetResult());
long sqlCount = 0;
var sqlTimes = Measure(runs, () => sqlCount = SqlOnlyCountAsync(database.DataSource, now).GetAwaiter().GetResult());
var naiveDue = 0;
var naiveTimes = Measure(Math.Min(runs, 3), () => naiveDue = NaiveAsync(database.DataSource, paris, now).GetAwaiter().GetResult());

Print("decisions, calendar days (plugin)", calendarTimes, $"{calendarDue:N0} due");
Print("decisions, working days (plugin)", workingTimes, $"{workingDue:N0} due");
Print("baseline: SQL-only count, calendar", sqlTimes, $"{sqlCount:N0} due");
Print("baseline: naive per-row, working days", naiveTimes, $"{naiveDue:N0} due");
Console.WriteLine($"calendar decisions agree with SQL: {(calendarDue == sqlCount ? "yes" : "NO")}; working days agree with naive: {(workingDue == naiveDue ? "yes" : "NO")}");
Console.WriteLine($"plugin / SQL-only (calendar): {Median(calendarTimes) / Median(sqlTimes):F2}x; naive / plugin (working days): {Median(naiveTimes) / Median(workingTimes):F1}x");
var worst = Math.Max(Median(calendarTimes), Median(workingTimes));
Console.WriteLine($"target < 1000 ms (slower plugin median {worst:F0} ms): {(worst < 1000 ? "met" : "MISSED")}");
return 0;

AutoClosePolicy Policy(string mode)
{
    var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["autoclose:DelayDays"] = "14",
        ["autoclose:DayMode"] = mode,
    }).Build();
    var academy = new AcademyContext(Academy, "Bench", paris, BuiltInProfiles.Stock, new AcademyFieldMap(), new RefusingITopClient("bench", paris, "the benchmark does not call iTop."), settings);
    return AutoClosePolicy.Create(academy, academy.GetPluginSettings<AutoCloseSettings>("autoclose"));
}

static async Task<int> DecideAsync(IAutoCloseStore store, AutoClosePolicy policy, DateTimeOffset now)
{
    var candidates = await store.FindCandidatesAsync(Academy, policy.ResolvedStatuses, policy.ResolvedNoLaterThan(now), CancellationToken.None);
    var due = 0;
    foreach (var candidate in candidates)
        if (now >= policy.DueAt(candidate.ResolutionDate)) due++;
    return due;
}

static async Task<long> SqlOnlyCountAsync(NpgsqlDataSource dataSource, DateTimeOffset now)
{
    // PostgreSQL's own wall-clock arithmetic: local timestamp + 14 days, back to an instant.
    await using var command = dataSource.CreateCommand("""
        SELECT count(*) FROM tickets
        WHERE academy_id = @academy AND deleted_at IS NULL AND status = 'resolved'
          AND ((resolution_date AT TIME ZONE 'Europe/Paris') + interval '14 days') AT TIME ZONE 'Europe/Paris' <= @now
        """);
    command.Parameters.AddWithValue("academy", Academy);
    command.Parameters.AddWithValue("now", now.ToUniversalTime());
    return (long)(await command.ExecuteScalarAsync())!;
}

static async Task<int> NaiveAsync(NpgsqlDataSource dataSource, TimeZoneInfo zone, DateTimeOffset now)
{
    // Every resolved row, then per row a day-by-day walk that recomputes the year's holidays for each day.
    await using var command = dataSource.CreateCommand("SELECT resolution_date FROM tickets WHERE academy_id = @academy AND status = 'resolved'");
    command.Parameters.AddWithValue("academy", Academy);
    await using var reader = await command.ExecuteReaderAsync();
    var due = 0;
    while (await reader.ReadAsync())
    {
        var local = TimeZoneInfo.ConvertTime(reader.GetFieldValue<DateTimeOffset>(0), zone).DateTime;
        var day = local.Date;
        for (var counted = 0; counted < 14;)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !NaiveHolidays(day.Year).Contains(DateOnly.FromDateTime(day))) counted++;
        }
        var dueLocal = day + local.TimeOfDay;
        var offset = zone.IsAmbiguousTime(dueLocal) ? zone.GetAmbiguousTimeOffsets(dueLocal).Max() : zone.GetUtcOffset(dueLocal);
        if (zone.IsInvalidTime(dueLocal)) { dueLocal = dueLocal.AddHours(1); offset = zone.GetUtcOffset(dueLocal); }
        if (now >= new DateTimeOffset(dueLocal, offset)) due++;
    }
    return due;
}

static List<DateOnly> NaiveHolidays(int year)
{
    var a = year % 19; var b = year / 100; var c = year % 100; var d = b / 4; var e = b % 4; var f = (b + 8) / 25;
    var g = (b - f + 1) / 3; var h = (19 * a + b - d - g + 15) % 30; var i = c / 4; var k = c % 4;
    var l = (32 + 2 * e + 2 * i - h - k) % 7; var m = (a + 11 * h + 22 * l) / 451;
    var easter = new DateOnly(year, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1);
    return [new(year, 1, 1), easter.AddDays(1), new(year, 5, 1), new(year, 5, 8), easter.AddDays(39), easter.AddDays(50),
        new(year, 7, 14), new(year, 8, 15), new(year, 11, 1), new(year, 11, 11), new(year, 12, 25)];
}

static async Task SeedAsync(NpgsqlDataSource dataSource, int count, DateTimeOffset now)
{
    // Resolutions spread evenly over the 60 days before now (so across the May 2026 bank holidays), at office hours.
    var random = new Random(42);
    await using (var connection = await dataSource.OpenConnectionAsync())
    await using (var writer = await connection.BeginBinaryImportAsync(
        "COPY tickets (academy_id, itop_id, ref, title, status, status_group, caller_id, resolution_date, last_update) FROM STDIN (FORMAT BINARY)"))
    {
        for (var id = 1; id <= count; id++)
        {
            var resolved = now.AddDays(-60).AddMinutes(random.Next(0, 60 * 24 * 60)).ToUniversalTime();
            await writer.StartRowAsync();
            await writer.WriteAsync(Academy, NpgsqlDbType.Text);
            await writer.WriteAsync((long)id, NpgsqlDbType.Bigint);
            await writer.WriteAsync($"R-{id:D6}", NpgsqlDbType.Text);
            await writer.WriteAsync("Demande", NpgsqlDbType.Text);
            await writer.WriteAsync("resolved", NpgsqlDbType.Text);
            await writer.WriteAsync("Resolved", NpgsqlDbType.Text);
            await writer.WriteAsync((long)random.Next(1, 5000), NpgsqlDbType.Bigint);
            await writer.WriteAsync(resolved, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(resolved, NpgsqlDbType.TimestampTz);
        }
        await writer.CompleteAsync();
    }
    await using var analyze = dataSource.CreateCommand("ANALYZE tickets");
    await analyze.ExecuteNonQueryAsync();
}

static List<double> Measure(int runs, Action action)
{
    action(); // warm-up: JIT, connection pool, PostgreSQL caches
    var times = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        var watch = Stopwatch.StartNew();
        action();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    return times;
}

static double Median(List<double> times)
{
    var sorted = times.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static void Print(string name, List<double> times, string result)
{
    var sorted = times.Order().ToList();
    var p95 = sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1];
    Console.WriteLine($"{name,-40} median {Median(times),8:F1} ms   p95 {p95,8:F1} ms   min {sorted[0],8:F1} ms   ({result})");
}

