// RetentionBench: what the retention trigger on `tickets` costs the sync. The sync merges each batch read from iTop
// with INSERT … ON CONFLICT DO UPDATE … WHERE (columns) IS DISTINCT FROM (new values) (src/Amigo.Connector.Sync/
// TicketStage.cs). A simplified copy of its tickets upsert runs here (no src CTE with its dedup and joins, no
// status_transitions insert: the trigger fires on the upsert only) over 100,000 synced tickets, each run in a
// transaction rolled back, with the trigger disabled (baseline, same database, same run) and enabled.
const int Tickets = 100_000;
var runs = args.Length > 0 && int.TryParse(args[0], out var asked) ? asked : 7;

var postgres = new PostgresFixture();
await postgres.InitializeAsync();
try
{
    await postgres.MigratePluginsAsync(new RetentionPlugin());
    var data = postgres.DataSource;
    Console.WriteLine($"RetentionBench: sync merge of {Tickets:N0} tickets, {runs} runs per measure (each rolled back)");
    var seed = Stopwatch.StartNew();
    await ExecuteAsync(data, $"""
        INSERT INTO tickets (academy_id, itop_id, ref, title, status, status_group, caller_id, caller_name, caller_email, team_id, team_name,
                             agent_id, agent_name, service_id, service_name, start_date, resolution_date, close_date, last_update, last_update_local)
        SELECT 'bench', i, 'R-' || lpad(i::text, 7, '0'), 'Imprimante en panne ' || i, 'closed', 'Closed', 1000 + i % 500, 'Jeanne Martin ' || i % 500,
               'jeanne' || i % 500 || '@ac-toulouse.fr', i % 12, 'Équipe ' || i % 12, 2000 + i % 40, 'Agent ' || i % 40, i % 30, 'Service ' || i % 30,
               timestamptz '2025-01-01' + i * interval '5 minutes', timestamptz '2025-01-02' + i * interval '5 minutes',
               timestamptz '2025-01-03' + i * interval '5 minutes', timestamptz '2025-01-03' + i * interval '5 minutes', 'x'
        FROM generate_series(1, {Tickets}) i;
        ANALYZE tickets;
        -- What iTop sends back for every ticket in a full sync: the same values, personal data included.
        CREATE UNLOGGED TABLE bench_stage AS SELECT * FROM tickets;
        """);
    Console.WriteLine($"seed: {seed.ElapsedMilliseconds} ms");

    var columns = await ColumnsAsync(data);
    var merge = $"""
        INSERT INTO tickets (academy_id, itop_id, {string.Join(", ", columns)}, synced_at)
        SELECT academy_id, itop_id, {string.Join(", ", columns)}, timestamptz '2026-12-01' FROM bench_stage
        ON CONFLICT (academy_id, itop_id) DO UPDATE SET
            {string.Join(", ", columns.Select(c => $"{c} = excluded.{c}"))}, deleted_at = NULL, synced_at = excluded.synced_at
        WHERE ({string.Join(", ", columns.Select(c => "tickets." + c))}, tickets.deleted_at)
              IS DISTINCT FROM ({string.Join(", ", columns.Select(c => "excluded." + c))}, NULL)
        """;
    const string EveryRowChanged = "UPDATE bench_stage SET last_update_local = 'changed'";
    const string NoRowChanged = "UPDATE bench_stage SET last_update_local = 'x'";
    const string HalfAnonymised = """
        UPDATE tickets SET title = '(demande anonymisée)', caller_id = NULL, caller_name = NULL, caller_email = NULL, agent_name = NULL,
                           retention_anonymised_at = timestamptz '2026-11-01'
        WHERE itop_id % 2 = 0
        """;

    var results = new List<(string Name, double Median, long Rows)>();
    async Task MeasureAsync(string name, bool trigger, string stage, bool anonymise)
    {
        await ExecuteAsync(data, stage);
        var times = new List<double>();
        long rows = 0;
        for (var run = 0; run < runs + 1; run++)
        {
            await using var connection = await data.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            if (!trigger) await new NpgsqlCommand("ALTER TABLE tickets DISABLE TRIGGER retention_keep_anonymised", connection, transaction).ExecuteNonQueryAsync();
            if (anonymise) await new NpgsqlCommand(HalfAnonymised, connection, transaction).ExecuteNonQueryAsync();
            var watch = Stopwatch.StartNew();
            rows = await new NpgsqlCommand(merge, connection, transaction).ExecuteNonQueryAsync();
            watch.Stop();
            await transaction.RollbackAsync();
            if (run > 0) times.Add(watch.Elapsed.TotalMilliseconds); // the first run warms the caches
        }
        times.Sort();
        results.Add((name, times[times.Count / 2], rows));
        Console.WriteLine($"{name,-62} median {times[times.Count / 2],8:F1} ms   min {times[0],8:F1} ms   max {times[^1],8:F1} ms   ({rows:N0} rows written)");
    }

    await MeasureAsync("A baseline: every ticket changed, trigger disabled", false, EveryRowChanged, false);
    await MeasureAsync("B every ticket changed, trigger on, none anonymised", true, EveryRowChanged, false);
    await MeasureAsync("C baseline: nothing changed, trigger disabled", false, NoRowChanged, false);
    await MeasureAsync("D nothing changed, trigger on, none anonymised", true, NoRowChanged, false);
    await MeasureAsync("E full re-sync, half anonymised, trigger disabled (data back)", false, NoRowChanged, true);
    await MeasureAsync("F full re-sync, half anonymised, trigger on (kept)", true, NoRowChanged, true);
    double Median(string prefix) => results.Single(r => r.Name.StartsWith(prefix, StringComparison.Ordinal)).Median;
    Console.WriteLine($"B/A (trigger present, no anonymised row): {Median("B") / Median("A"):F2}x; D/C: {Median("D") / Median("C"):F2}x; "
                      + $"F/E (anonymised rows kept instead of rewritten): {Median("F") / Median("E"):F2}x");
}
finally
{
    await postgres.DisposeAsync();
}

static async Task ExecuteAsync(NpgsqlDataSource data, string sql)
{
    await using var command = data.CreateCommand(sql);
    command.CommandTimeout = 600;
    await command.ExecuteNonQueryAsync();
}

static async Task<List<string>> ColumnsAsync(NpgsqlDataSource data)
{
    // The columns the sync writes: every column but the key, its own bookkeeping and the plugin's markers.
    await using var command = data.CreateCommand("""
        SELECT column_name FROM information_schema.columns
        WHERE table_name = 'tickets' AND table_schema = current_schema()
          AND column_name NOT IN ('academy_id', 'itop_id', 'synced_at', 'deleted_at', 'closed_by_connector', 'retention_anonymised_at', 'retention_itop_deleted_at')
        ORDER BY ordinal_position
        """);
    var columns = new List<string>();
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
    return columns;
}
