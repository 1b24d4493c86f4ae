namespace Amigo.Plugins.Reporting.Reports;

/// <summary>Runs reports against the connector database (synced data only: iTop is never called).</summary>
public sealed class ReportRunner(IConnectorDatabase database, MaterializedViewRefresher refresher, TimeProvider time)
{
    /// <summary>Runs a report with its filters.</summary>
    public async Task<ReportResult> RunAsync(ReportDefinition report, ReportFilter filter, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        var columns = new List<string>();
        // The function name comes from the catalog, never from the caller.
        var asOf = report.AsOfNow ? ", @now" : "";
        await using (var command = database.DataSource.CreateCommand($"SELECT * FROM {report.FunctionName}(@academy, @team, @from, @to{asOf})"))
        {
            if (report.AsOfNow)
                command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = time.GetUtcNow() });
            command.Parameters.Add(new NpgsqlParameter("academy", NpgsqlDbType.Text) { Value = (object?)filter.AcademyId ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("team", NpgsqlDbType.Bigint) { Value = (object?)filter.TeamId ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = (object?)filter.From ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = (object?)filter.To ?? DBNull.Value });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; i < reader.FieldCount; i++)
                columns.Add(reader.GetName(i));
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                    row[i] = ReadValue(reader, i);
                rows.Add(row);
            }
        }
        var dataAsOf = report.Materialized ? await refresher.LastRefreshAsync(cancellationToken) : null;
        return new ReportResult(report, filter, columns, rows, dataAsOf);
    }

    private static object? ReadValue(NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
            return null;
        return reader.GetDataTypeName(ordinal) switch
        {
            "date" => reader.GetFieldValue<DateOnly>(ordinal),
            "timestamp with time zone" => new DateTimeOffset(reader.GetFieldValue<DateTime>(ordinal)),
            "integer" => (long)reader.GetInt32(ordinal),
            _ => reader.GetValue(ordinal),
        };
    }
}
