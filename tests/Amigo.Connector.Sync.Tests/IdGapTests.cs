namespace Amigo.Connector.Sync.Tests;

/// <summary>
/// Id windows across gaps in the ids (deleted tickets, ids imported far apart, like the lab's clones from 1,000,001):
/// the gaps are counted and jumped over instead of walked window by window, and every id is still read exactly once,
/// in windows that cover the ids in order without overlapping, none holding more than the width's worth of tickets.
/// </summary>
public sealed partial class IdGapTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int Width = 20;

    // 30 tickets, a gap of 3,000 ids, 45 tickets, a gap of 500, 12 tickets (the gaps: tickets created then deleted).
    private static SyncScenario GappedScenario(ITopSimulationOptions? options = null)
    {
        var scenario = new SyncScenario(tickets: 30, options: options);
        var store = scenario.Simulation.Store;
        void Block(int tickets)
        {
            for (var i = 0; i < tickets; i++)
                store.AddUserRequest(new ITopSimTicket { OrgId = scenario.Organizations[1], CallerId = scenario.Persons[0], Title = $"Après le trou {i}", Status = "closed" });
        }

        void Gap(int ids)
        {
            for (var i = 0; i < ids; i++)
                store.Remove("UserRequest", store.AddObject("UserRequest", new Dictionary<string, string> { ["title"] = "supprimé", ["status"] = "new" }));
        }

        Gap(3_000);
        Block(45);
        Gap(500);
        Block(12);
        return scenario;
    }

    [Fact]
    public async Task Gaps_are_jumped_and_every_id_is_read_once_in_windows_that_tile_the_ids()
    {
        // iTop fails any answer above Width tickets: a wide window across a gap never holds more than a usual one.
        using var scenario = GappedScenario(new ITopSimulationOptions { MemoryLimitObjects = Width });
        var windows = new AdaptiveIdWindows(scenario.Simulation.CreateClient(), "UserRequest", ["id"], Width, floor: 5, NullLogger.Instance, SyncScenario.AcademyId);

        var ids = await ReadIdsAsync(windows);

        var expected = scenario.Simulation.Store.Ids("UserRequest").Order().ToList();
        Assert.Equal(87, expected.Count);
        Assert.Equal(expected, ids.Order());                          // every id once
        Assert.Equal(0, windows.Splits);                              // no answer was refused
        Assert.Equal(Width, windows.Width);

        // The windows read follow each other without overlapping (the ids between them were counted empty).
        var reads = Reads(scenario.Simulation);
        long covered = 0;
        foreach (var (lower, upper) in reads)
        {
            Assert.True(lower >= covered, $"window ({lower}, {upper}] overlaps what was read up to {covered}");
            covered = upper;
        }

        Assert.True(covered >= expected[^1]);
        // Walking the 3,500 empty ids would take ~175 windows (each with its probe); jumping takes a few counts per gap.
        var calls = scenario.Simulation.CallsOf("core/get").Count;
        Assert.True(calls < 40, $"{calls} core/get calls for 87 tickets across two gaps");
        Assert.Contains(reads, window => window.Upper - window.Lower > Width); // a sparse range was read in one window
    }

    [Fact]
    public async Task Dense_ids_cost_one_call_per_window_and_one_count_at_the_end()
    {
        using var scenario = new SyncScenario(tickets: 60);
        var windows = new AdaptiveIdWindows(scenario.Simulation.CreateClient(), "UserRequest", ["id"], Width, floor: 5, NullLogger.Instance, SyncScenario.AcademyId);

        var ids = await ReadIdsAsync(windows);

        var expected = scenario.Simulation.Store.Ids("UserRequest");
        Assert.Equal(expected.Order(), ids.Order());
        var lastWindow = (expected.Max() + Width - 1) / Width;
        Assert.Equal(lastWindow + 1, Reads(scenario.Simulation).Count); // the windows, then one empty one
        Assert.Equal(1, Counts(scenario.Simulation));                   // "anything beyond?": no
        Assert.Equal(1, windows.Probes);
    }

    [Fact]
    public async Task A_wide_window_iTop_cannot_serve_is_read_again_at_the_usual_width_without_halving_it()
    {
        using var scenario = GappedScenario();
        var client = new FailingWideWindows(scenario.Simulation.CreateClient(o => o with { MaxRetryAttempts = 0 }), Width);
        var windows = new AdaptiveIdWindows(client, "UserRequest", ["id"], Width, floor: 5, NullLogger.Instance, SyncScenario.AcademyId);

        var ids = await ReadIdsAsync(windows);

        Assert.True(client.Failed > 0, "no wide window was read: the test proves nothing");
        Assert.Equal(scenario.Simulation.Store.Ids("UserRequest").Order(), ids.Order());
        Assert.Equal(Width, windows.Width);
        Assert.Equal(0, windows.Splits);
    }

    [Fact]
    public async Task A_full_sync_across_gaps_copies_every_ticket_once_and_an_incremental_one_finds_them_unchanged()
    {
        using var scenario = GappedScenario();
        await using var db = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var engine = scenario.Engine(db, batchSize: 25, idWindow: Width, minIdWindow: 5);

        var full = await engine.SyncAsync(scenario.Academy, new SyncRequest(Full: true));

        Assert.Equal(87, full["tickets.read"]);
        Assert.Equal(scenario.ITopTickets(), await SyncScenario.DatabaseTickets(db, scenario.Academy.ITop.TimeZone));
        var again = await engine.SyncAsync(scenario.Academy, new SyncRequest(Reconcile: true));
        Assert.Equal(0, again["tickets.deleted"]);                    // the reconciliation's ids jumped the gaps too
        Assert.Equal(0, again["tickets.changed"]);
    }

    private static async Task<List<long>> ReadIdsAsync(AdaptiveIdWindows windows)
    {
        var ids = new List<long>();
        await foreach (var page in windows.ReadAsync(CancellationToken.None))
        {
            for (var row = 0; row < page.Count; row++) ids.Add(page.KeyOf(row));
            page.Recycle();
        }

        return ids;
    }

    [GeneratedRegex(@"id > (\d+) AND id <= (\d+)")]
    private static partial Regex WindowPattern();

    private static List<(long Lower, long Upper)> Reads(ITopSimulation simulation) =>
        simulation.CallsOf("core/get").Where(c => c["limit"] is null && (string?)c["class"] == "UserRequest")
            .Select(c => WindowPattern().Match((string)c["key"]!)).Where(m => m.Success)
            .Select(m => (long.Parse(m.Groups[1].Value), long.Parse(m.Groups[2].Value))).ToList();

    private static int Counts(ITopSimulation simulation) =>
        simulation.CallsOf("core/get").Count(c => c["limit"] is not null && (string?)c["class"] == "UserRequest");

    /// <summary>Fails (as a PHP fatal would, after the client's retries) the first read of a window wider than <c>width</c>.</summary>
    private sealed class FailingWideWindows(IITopClient inner, int width) : ReadingITopClient(inner), IITopClient
    {
        public int Failed { get; private set; }

        public override IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, CancellationToken cancellationToken = default) =>
            Inner.StreamAsync(request, cancellationToken);

        public async IAsyncEnumerable<ITopAnswerPage> StreamPagesAsync(ITopGetRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var window = WindowPattern().Match(request.Key.ToString());
            if (Failed == 0 && window.Success && long.Parse(window.Groups[2].Value) - long.Parse(window.Groups[1].Value) > width)
            {
                Failed++;
                throw new ITopTransportException(InstanceName, "core/get", "HTTP 500 (Allowed memory size of 134217728 bytes exhausted)", null, isTransient: true, requestNotSent: false);
            }

            await foreach (var page in Inner.StreamPagesAsync(request, cancellationToken))
                yield return page;
        }
    }
}
