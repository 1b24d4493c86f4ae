namespace ReportingBench;

/// <summary>
/// Prints <c>EXPLAIN (ANALYZE, BUFFERS)</c> of each case (option <c>--explain</c>). The inlined SQL functions show
/// their whole plan; for PL/pgSQL ones (resolution-times with a period) auto_explain also logs the nested query.
/// </summary>
internal static class PlanPrinter
{
    public static async Task PrintAsync(NpgsqlDataSource dataSource, IEnumerable<BenchCase> cases)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var nested = new List<string>();
        connection.Notice += (_, e) => nested.Add(e.Notice.MessageText);
        await using (var setup = new NpgsqlCommand("""
            LOAD 'auto_explain';
            SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on;
            SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = notice;
            """, connection))
            await setup.ExecuteNonQueryAsync();
        foreach (var benchCase in cases)
        {
            nested.Clear();
            var lines = new List<string>();
            await using (var explain = Command(connection, $"EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM {benchCase.Report.FunctionName}(@academy, @team, @from, @to)", benchCase))
            await using (var reader = await explain.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    lines.Add(reader.GetString(0));
            Console.WriteLine();
            Console.WriteLine($"=== {benchCase.Label}");
            foreach (var line in lines)
                Console.WriteLine(line);
            // auto_explain logs the statements run inside (the query of a PL/pgSQL function, a function called per row),
            // then the explained statement itself (printed above).
            if (nested.Count > 5)
                Console.WriteLine($"--- {nested.Count} nested statements (a function evaluated per row?); the first: " + nested[0]);
            else
                foreach (var plan in nested.SkipLast(1))
                    Console.WriteLine("--- nested: " + plan);
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, BenchCase benchCase)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("academy", NpgsqlDbType.Text) { Value = (object?)benchCase.Filter.AcademyId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("team", NpgsqlDbType.Bigint) { Value = (object?)benchCase.Filter.TeamId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = (object?)benchCase.Filter.From ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = (object?)benchCase.Filter.To ?? DBNull.Value });
        return command;
    }
}
