namespace Amigo.Plugins.Reporting.Reports;

/// <summary>Runs reports against the connector database (synced data only: iTop is never called).</summary>
public sealed class ReportRunner(IConnectorDatabase database, TimeProvider time)
{
    /// <summary>Runs a report with its filters.</summary>
    public async Task<ReportResult> RunAsync(ReportDefinition report, ReportFilter filter, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        var columns = new List<string>();
        // The function name comes from the catalog, never from the caller.
        var asOf = report.AsOfNow ? ", @now" : "";
        // Typed even when null (Dapper sends a null DateOnly? untyped): PostgreSQL picks the report function by argument types.
        var parameters = new DynamicParameters();
        if (report.AsOfNow)
            parameters.Add("now", time.GetUtcNow(), DbType.DateTimeOffset);
        parameters.Add("academy", filter.AcademyId, DbType.String);
        parameters.Add("team", filter.TeamId, DbType.Int64);
        parameters.Add("from", filter.From, DbType.Date);
        parameters.Add("to", filter.To, DbType.Date);
        DateTimeOffset? dataAsOf = null;
        await using (var connection = await database.DataSource.OpenConnectionAsync(cancellationToken))
        // One snapshot: the rows and their "data as of" describe the same refresh, even when one commits in between.
        await using (var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken))
        {
            if (report.Materialized)
                dataAsOf = await MaterializedViewRefresher.LastRefreshAsync(connection, transaction, cancellationToken);
            await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                $"SELECT * FROM {report.FunctionName}(@academy, @team, @from, @to{asOf})", parameters, transaction, cancellationToken: cancellationToken));
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
        return new ReportResult(report, filter, columns, rows, dataAsOf);
    }

    private static object? ReadValue(DbDataReader reader, int ordinal)
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
