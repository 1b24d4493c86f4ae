namespace Amigo.Connector.Sync;

/// <summary>The SQL of a temp staging table and of the binary COPY into it, shared by every staged table (tickets too).</summary>
internal static class StageSql
{
    /// <summary>The PostgreSQL type of a staged column.</summary>
    public static string TypeOf(NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Bigint => "bigint",
        NpgsqlDbType.TimestampTz => "timestamptz",
        NpgsqlDbType.Boolean => "boolean",
        _ => "text",
    };

    /// <summary>Creates the staging table (per connection; emptied at each commit).</summary>
    public static string Create(string stage, IEnumerable<(string Name, NpgsqlDbType Type)> columns) =>
        $"CREATE TEMP TABLE IF NOT EXISTS {stage} ({string.Join(", ", columns.Select(c => $"{c.Name} {TypeOf(c.Type)}"))}) ON COMMIT DELETE ROWS";

    /// <summary>The binary COPY into the staging table, columns in the order rows are written.</summary>
    public static string Copy(string stage, IEnumerable<string> columns) =>
        $"COPY {stage} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)";
}
