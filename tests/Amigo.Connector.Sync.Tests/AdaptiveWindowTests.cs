namespace Amigo.Connector.Sync.Tests;

/// <summary>
/// A full sync against an iTop whose PHP runs out of memory above N tickets per answer (HTTP 500 with PHP's fatal
/// error, like a stock 128 MB PHP): windows are halved until iTop serves them, the width is remembered, and the copy
/// is exact.
/// </summary>
public sealed class AdaptiveWindowTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int Tickets = 230;

    private static SyncScenario Scenario(int memoryLimitObjects) =>
        new(tickets: Tickets, options: new ITopSimulationOptions { MemoryLimitObjects = memoryLimitObjects });

    private static int MemoryFailures(ITopSimulation simulation) =>
        simulation.CallLog.Count(call => call.Body.Contains("Allowed memory size", StringComparison.Ordinal));

    [Fact]
    public async Task A_window_iTop_cannot_serve_is_halved_and_the_copy_is_exact()
    {
        using var scenario = Scenario(memoryLimitObjects: 30);
        await using var db = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var log = new ListLogger();

        var result = await scenario.Engine(db, batchSize: 50, idWindow: 100, minIdWindow: 5, logger: log).SyncAsync(scenario.Academy, new SyncRequest(Full: true));

        Assert.True(MemoryFailures(scenario.Simulation) > 0, "the simulation never ran out of memory: the test proves nothing");
        Assert.Equal(Tickets, result["tickets.read"]);                 // nothing read twice
        Assert.Equal(scenario.ITopTickets(), await SyncScenario.DatabaseTickets(db, scenario.Academy.ITop.TimeZone)); // nothing skipped
        Assert.Equal(25, result.IdWindow);                              // 100 → 50 → 25
        Assert.Contains(log.Lines, line => line.Contains("id windows of 25 ids", StringComparison.Ordinal));
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(25, await connection.ExecuteScalarAsync<int?>("SELECT id_window FROM sync_watermarks WHERE academy_id = @a AND itop_class = 'UserRequest'", new { a = SyncScenario.AcademyId }));
    }

    [Fact]
    public async Task The_width_that_worked_is_where_the_next_full_sync_starts_in_this_process_and_the_next()
    {
        using var scenario = Scenario(memoryLimitObjects: 30);
        await using var db = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var engine = scenario.Engine(db, batchSize: 50, idWindow: 100, minIdWindow: 5);
        await engine.SyncAsync(scenario.Academy, new SyncRequest(Full: true));

        scenario.Simulation.ClearCalls();
        var again = await engine.SyncAsync(scenario.Academy, new SyncRequest(Full: true));
        Assert.Equal(0, MemoryFailures(scenario.Simulation));
        Assert.Equal(25, again.IdWindow);

        // A new process (a new engine) reads the width stored with the watermark.
        scenario.Simulation.ClearCalls();
        var restarted = await scenario.Engine(db, batchSize: 50, idWindow: 100, minIdWindow: 5).SyncAsync(scenario.Academy, new SyncRequest(Full: true));
        Assert.Equal(0, MemoryFailures(scenario.Simulation));
        Assert.Equal(Tickets, restarted["tickets.read"]);
    }

    [Fact]
    public async Task An_incremental_read_too_big_for_one_answer_is_read_again_in_windows()
    {
        using var scenario = Scenario(memoryLimitObjects: 30);
        await using var db = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var engine = scenario.Engine(db, batchSize: 50, idWindow: 100, minIdWindow: 5);
        var first = await engine.SyncAsync(scenario.Academy, new SyncRequest(Full: true));
        // A mass update: 120 tickets change at once, far more than one answer of this iTop can hold.
        scenario.Simulation.Clock.Advance(TimeSpan.FromMinutes(30));
        var changed = scenario.Simulation.Store.Ids("UserRequest").Take(120).ToList();
        foreach (var id in changed)
            scenario.Simulation.Store.SetFields("UserRequest", id, new Dictionary<string, string> { ["title"] = $"Modifié {id}", ["last_update"] = scenario.Simulation.Clock.LocalText });
        scenario.Simulation.Clock.Advance(TimeSpan.FromMinutes(5));
        scenario.Simulation.ClearCalls();

        var result = await engine.SyncAsync(scenario.Academy, new SyncRequest());

        Assert.False(result.Full);
        Assert.True(MemoryFailures(scenario.Simulation) > 0, "the incremental answer never failed: the test proves nothing");
        // Each changed ticket read once, with the few the 2-minute overlap reads again.
        var since = DateTime.ParseExact(first.Watermark!, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture).AddMinutes(-2)
            .ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var expected = scenario.Simulation.Store.Ids("UserRequest").Count(id => string.CompareOrdinal(scenario.Simulation.Store.GetField("UserRequest", id, "last_update"), since) >= 0);
        Assert.True(expected > 120 && expected < 130, $"{expected} tickets to read");
        Assert.Equal(expected, result["tickets.read"]);
        Assert.Equal(120, result["tickets.changed"]);
        Assert.Equal(scenario.ITopTickets(), await SyncScenario.DatabaseTickets(db, scenario.Academy.ITop.TimeZone));
    }

    [Fact]
    public async Task Below_the_floor_the_sync_fails_with_iTops_error_and_the_watermark_does_not_move()
    {
        using var scenario = Scenario(memoryLimitObjects: 3);
        await using var db = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());

        var failure = await Assert.ThrowsAsync<ITopTransportException>(() =>
            scenario.Engine(db, batchSize: 50, idWindow: 40, minIdWindow: 10).SyncAsync(scenario.Academy, new SyncRequest(Full: true)));

        Assert.Contains("HTTP 500", failure.Message);
        await using var connection = await db.OpenConnectionAsync();
        Assert.Null(await connection.ExecuteScalarAsync<string?>("SELECT last_update_local FROM sync_watermarks WHERE academy_id = @a AND itop_class = 'UserRequest'", new { a = SyncScenario.AcademyId }));
    }

    [Fact]
    public async Task A_window_that_times_out_is_halved_too_and_every_id_is_read_once()
    {
        using var scenario = new SyncScenario(tickets: 60);
        var client = scenario.Simulation.CreateClient(o => o with { Timeout = TimeSpan.FromMilliseconds(400), MaxRetryAttempts = 0 });
        var windows = new AdaptiveIdWindows(client, "UserRequest", ["id"], width: 100, floor: 5, new ListLogger(), SyncScenario.AcademyId);
        scenario.Simulation.DelayNext(TimeSpan.FromSeconds(2)); // the first window answers after the client gave up

        var ids = new List<long>();
        await foreach (var page in windows.ReadAsync(CancellationToken.None))
        {
            for (var row = 0; row < page.Count; row++) ids.Add(page.KeyOf(row));
            page.Recycle();
        }

        Assert.Equal(50, windows.Width);
        Assert.Equal(1, windows.Splits);
        Assert.Equal(scenario.Simulation.Store.Ids("UserRequest").Order(), ids.Order());
    }

    private sealed class ListLogger : ILogger<SyncEngine>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add(formatter(state, exception));
        }
    }
}
