namespace ReportingBench;

/// <summary>
/// The same reports computed from the raw tables: inside one transaction (rolled back) the plugin's indexes are dropped
/// and every report function is copied into pg_temp with its materialized views replaced by their defining queries,
/// except resolution-times, whose baseline is its reference definition (percentile_cont over the tickets,
/// <c>report_resolution_times_live</c>): its materialized views only serve to locate the percentiles.
/// </summary>
internal sealed class RawBaseline(string connectionString) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;

    public async Task PrepareAsync()
    {
        _connection = new NpgsqlConnection(connectionString);
        await _connection.OpenAsync();
        _transaction = await _connection.BeginTransactionAsync();
        var views = new Dictionary<string, string>();
        foreach (var view in MaterializedViewRefresher.Views)
            views[view] = (string)(await Scalar($"SELECT pg_get_viewdef('{view}'::regclass)"))!;
        foreach (var report in BuiltInReports.All)
        {
            var source = report.Name == "resolution-times" ? "report_resolution_times_live" : report.FunctionName;
            var definition = (string)(await Scalar($"SELECT pg_get_functiondef('{source}'::regproc)"))!;
            definition = definition.Replace($"public.{source}(", $"pg_temp.{RawName(report)}(", StringComparison.Ordinal);
            foreach (var (view, query) in views)
                definition = Regex.Replace(definition, $@"\b{view}\b", $"({query.TrimEnd().TrimEnd(';')})");
            await Execute(definition);
        }
        var indexes = (string[])(await Scalar(
            "SELECT array_agg(indexname::text) FROM pg_indexes WHERE tablename = 'tickets' AND indexname LIKE 'report\\_%'"))!;
        await Execute(string.Join(";", indexes.Select(index => $"DROP INDEX {index}")));
    }

    public async Task<List<double>> MeasureAsync(ReportDefinition report, ReportFilter filter, int runs)
    {
        var timings = new List<double>();
        var budget = Stopwatch.StartNew();
        for (var run = 0; run < runs && (run == 0 || budget.Elapsed < TimeSpan.FromSeconds(10)); run++)
        {
            await using var command = new NpgsqlCommand($"SELECT * FROM pg_temp.{RawName(report)}(@academy, @team, @from, @to)", _connection, _transaction);
            command.Parameters.Add(new NpgsqlParameter("academy", NpgsqlDbType.Text) { Value = (object?)filter.AcademyId ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("team", NpgsqlDbType.Bigint) { Value = (object?)filter.TeamId ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = (object?)filter.From ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = (object?)filter.To ?? DBNull.Value });
            var watch = Stopwatch.StartNew();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) { }
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }
        return timings;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
            await _transaction.RollbackAsync();
        if (_connection is not null)
            await _connection.DisposeAsync();
    }

    private static string RawName(ReportDefinition report) => "raw_" + report.FunctionName;

    private async Task<object?> Scalar(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _connection, _transaction);
        return await command.ExecuteScalarAsync();
    }

    private async Task Execute(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _connection, _transaction);
        await command.ExecuteNonQueryAsync();
    }
}
