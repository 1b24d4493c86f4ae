namespace Amigo.Connector.Sync;

/// <summary>Binary COPY of rows into a staging table, and the merge that follows, on the sync's dedicated connection.</summary>
internal static class StagingWriter
{
    public static async Task EnsureStageAsync(NpgsqlConnection connection, string createStageSql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(createStageSql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task WriteRowAsync<T>(NpgsqlBinaryImporter writer, StagedTable<T> table, T row, CancellationToken cancellationToken)
    {
        await writer.StartRowAsync(cancellationToken);
        foreach (var column in table.Columns)
        {
            // Typed writes: Npgsql binds an object-typed value anew for every row, a typed one once per column.
            switch (column.Read(row))
            {
                case null:
                    await writer.WriteNullAsync(cancellationToken);
                    break;
                case string text:
                    await writer.WriteAsync(text, column.Type, cancellationToken);
                    break;
                case long number:
                    await writer.WriteAsync(number, column.Type, cancellationToken);
                    break;
                case DateTimeOffset instant:
                    await writer.WriteAsync(instant, column.Type, cancellationToken);
                    break;
                case bool flag:
                    await writer.WriteAsync(flag, column.Type, cancellationToken);
                    break;
                case var other:
                    await writer.WriteAsync(other, column.Type, cancellationToken);
                    break;
            }
        }
    }

    public static async Task<long> ExecuteCountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string academyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, academyId, now);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is null or DBNull ? 0 : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, string academyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, academyId, now);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A statement of the sync, for one academy (<c>@academy</c>) at one instant (<c>@now</c>); merges may be long.</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, string academyId, DateTimeOffset now)
    {
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, now);
        return command;
    }
}
