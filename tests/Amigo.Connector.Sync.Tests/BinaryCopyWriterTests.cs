namespace Amigo.Connector.Sync.Tests;

/// <summary>The binary COPY encoder, read back through PostgreSQL.</summary>
public sealed class BinaryCopyWriterTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Columns = "(i bigint, t text, b bigint, ts timestamptz)";
    private const string CopySql = "COPY {0} (i, t, b, ts) FROM STDIN (FORMAT BINARY)";

    private static readonly string Escaped = "Académie \"x\" \u00e9 / 日本 \\ \t\n😀";
    private static readonly string Megabyte = string.Concat(Enumerable.Repeat("é日a\"\\", 1_048_576 / 5 + 1))[..1_048_576];

    private static readonly string?[] Texts = [null, "", "0", Escaped, "plain"];
    private static readonly long?[] Numbers = [null, 0, -1, long.MinValue, long.MaxValue, 42];
    private static readonly DateTimeOffset?[] Instants =
    [
        null,
        new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), // PostgreSQL's epoch: 0
        new(1999, 12, 31, 23, 59, 59, TimeSpan.Zero), // negative microseconds
        new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_995), // 0.5 µs before the epoch: truncated toward zero, as Npgsql does
        new(2025, 10, 26, 2, 30, 0, TimeSpan.FromHours(2)), // an offset other than UTC
        new(1, 1, 2, 0, 0, 0, TimeSpan.Zero),
        new(9999, 12, 31, 23, 59, 59, TimeSpan.Zero),
        DateTimeOffset.MinValue, // -infinity for Npgsql
        DateTimeOffset.MaxValue, // infinity for Npgsql
    ];

    [Fact]
    public async Task Rows_read_back_equal_to_what_Npgsqls_typed_import_stores()
    {
        await using var connection = await postgres.DataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, $"CREATE TEMP TABLE mine {Columns}; CREATE TEMP TABLE typed {Columns}");
        var rows = Rows().ToList();

        // Enough rows to cross the 64 KB chunk many times, and the megabyte row on its own.
        await using (var writer = await BinaryCopyWriter.BeginAsync(connection, string.Format(CopySql, "mine"), CancellationToken.None))
        {
            foreach (var row in rows)
            {
                writer.StartRow(4);
                writer.WriteBigint(row.I);
                Write(writer, row.Text);
                Write(writer, row.Number);
                Write(writer, row.Instant);
                await writer.EndRowAsync(CancellationToken.None);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(string.Format(CopySql, "typed")))
        {
            foreach (var row in rows)
            {
                await importer.WriteRowAsync(CancellationToken.None, row.I, (object?)row.Text ?? DBNull.Value, (object?)row.Number ?? DBNull.Value,
                    (object?)row.Instant?.ToUniversalTime() ?? DBNull.Value); // Npgsql takes UTC offsets only
            }

            await importer.CompleteAsync();
        }

        Assert.Equal(rows.Count, await ScalarAsync<long>(connection, "SELECT count(*) FROM mine"));
        Assert.Equal(0L, await ScalarAsync<long>(connection,
            "SELECT count(*) FROM mine m FULL JOIN typed t USING (i) WHERE (m.t, m.b, m.ts) IS DISTINCT FROM (t.t, t.b, t.ts) OR m.i IS NULL OR t.i IS NULL"));

        // And what PostgreSQL holds, said independently of Npgsql's encoding.
        Assert.Equal(Escaped, await ScalarAsync<string>(connection, "SELECT t FROM mine WHERE i = 3"));
        Assert.Equal(Megabyte, await ScalarAsync<string>(connection, "SELECT t FROM mine WHERE i = -1"));
        Assert.Equal(1L, await ScalarAsync<long>(connection, "SELECT count(*) FROM mine WHERE t = '' AND i = 1"));
        Assert.Equal(long.MinValue, await ScalarAsync<long>(connection, "SELECT b FROM mine WHERE i = 3"));
        Assert.Equal(long.MaxValue, await ScalarAsync<long>(connection, "SELECT b FROM mine WHERE i = 4"));
        Assert.Equal(-1L, await ScalarAsync<long>(connection, "SELECT b FROM mine WHERE i = 2"));
        Assert.Equal(
            ["2000-01-01 00:00:00+00", "1999-12-31 23:59:59+00", "2000-01-01 00:00:00+00", "2025-10-26 00:30:00+00",
             "0001-01-02 00:00:00+00", "9999-12-31 23:59:59+00", "-infinity", "infinity"],
            await ListAsync(connection, "SET TIME ZONE 'UTC'; SELECT ts::text FROM mine WHERE i BETWEEN 1 AND 8 ORDER BY i"));
        Assert.Equal(1L, await ScalarAsync<long>(connection, "SELECT count(*) FROM mine WHERE i = 1 AND b = 0 AND ts = '2000-01-01 00:00:00+00'"));
        Assert.Equal(1L, await ScalarAsync<long>(connection, "SELECT count(*) FROM mine WHERE i = 0 AND t IS NULL AND b IS NULL AND ts IS NULL"));
    }

    [Fact]
    public async Task Disposing_an_unfinished_copy_cancels_it_and_leaves_the_connection_usable()
    {
        await using var connection = await postgres.DataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, $"CREATE TEMP TABLE abandoned {Columns}");

        await using (var writer = await BinaryCopyWriter.BeginAsync(connection, string.Format(CopySql, "abandoned"), CancellationToken.None))
        {
            for (var i = 0; i < 20_000; i++) // several chunks already sent
            {
                writer.StartRow(4);
                writer.WriteBigint(i);
                writer.WriteText("some text to fill the chunks"u8);
                writer.WriteNull();
                writer.WriteNull();
                await writer.EndRowAsync(CancellationToken.None);
            }
        }

        Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT count(*) FROM abandoned"));
    }

    [Fact]
    public async Task A_row_the_server_rejects_fails_the_completion()
    {
        await using var connection = await postgres.DataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, $"CREATE TEMP TABLE rejected {Columns}");

        var error = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var writer = await BinaryCopyWriter.BeginAsync(connection, string.Format(CopySql, "rejected"), CancellationToken.None);
            writer.StartRow(4);
            writer.WriteBigint(1);
            writer.WriteText([0xC3, 0x28]); // not UTF-8
            writer.WriteNull();
            writer.WriteNull();
            await writer.EndRowAsync(CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        });

        Assert.Equal(PostgresErrorCodes.CharacterNotInRepertoire, error.SqlState);
        Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT count(*) FROM rejected"));
    }

    private sealed record Row(long I, string? Text, long? Number, DateTimeOffset? Instant);

    private static IEnumerable<Row> Rows()
    {
        yield return new Row(-1, Megabyte, 7, null);
        for (var i = 0; i < 5_000; i++)
        {
            yield return new Row(i, Texts[i % Texts.Length], Numbers[i % Numbers.Length], Instants[i % Instants.Length]);
        }
    }

    private static void Write(BinaryCopyWriter writer, string? text)
    {
        if (text is null) writer.WriteNull();
        else writer.WriteText(Encoding.UTF8.GetBytes(text));
    }

    private static void Write(BinaryCopyWriter writer, long? number)
    {
        if (number is { } value) writer.WriteBigint(value);
        else writer.WriteNull();
    }

    private static void Write(BinaryCopyWriter writer, DateTimeOffset? instant)
    {
        if (instant is { } value) writer.WriteTimestampTz(value);
        else writer.WriteNull();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        var values = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                values.Add(reader.GetString(0));
            }
        }
        while (await reader.NextResultAsync());

        return values;
    }
}
