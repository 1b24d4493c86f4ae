namespace Amigo.Connector.Sync;

/// <summary>
/// Writes rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Binary
/// Format") to a raw COPY stream: values are encoded from spans into one reusable buffer, which goes to the server in
/// chunks of about <see cref="ChunkBytes"/>. Npgsql's typed importer resolves a converter and checks the type for every
/// value; for hundreds of thousands of rows of a fixed shape that costs more than the encoding itself.
/// Disposing an unfinished COPY cancels it (the server discards the rows; the caller's transaction rolls back).
/// </summary>
internal sealed class BinaryCopyWriter : IAsyncDisposable
{
    /// <summary>Bytes gathered before they are sent (a row larger than this is sent whole).</summary>
    internal const int ChunkBytes = 64 * 1024;

    // Signature "PGCOPY\n\377\r\n\0", flags (no OIDs) and header-extension length, both int32 zero.
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    // timestamptz is microseconds since 2000-01-01 00:00:00 UTC.
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly NpgsqlRawCopyStream _stream;
    private byte[] _buffer;
    private int _length;
    private bool _ended;

    private BinaryCopyWriter(NpgsqlRawCopyStream stream)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes * 2);
        Append(Header);
    }

    /// <summary>Starts <paramref name="copySql"/> (a <c>COPY … FROM STDIN (FORMAT BINARY)</c>) on <paramref name="connection"/>.</summary>
    public static async Task<BinaryCopyWriter> BeginAsync(NpgsqlConnection connection, string copySql, CancellationToken cancellationToken) =>
        new(await connection.BeginRawBinaryCopyAsync(copySql, cancellationToken));

    /// <summary>Starts a row of <paramref name="columns"/> values (as many as the COPY's column list).</summary>
    public void StartRow(int columns)
    {
        var span = Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(span, checked((short)columns));
    }

    /// <summary>A NULL value.</summary>
    public void WriteNull() => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);

    /// <summary>A <c>text</c> value (UTF-8, the connection's client encoding).</summary>
    public void WriteText(ReadOnlySpan<byte> utf8)
    {
        var span = Reserve(4 + utf8.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, utf8.Length);
        utf8.CopyTo(span[4..]);
    }

    /// <summary>A <c>bigint</c> value.</summary>
    public void WriteBigint(long value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
    }

    /// <summary>A <c>timestamptz</c> value.</summary>
    public void WriteTimestampTz(DateTimeOffset instant)
    {
        // As Npgsql writes a DateTimeOffset: the extreme values stand for -infinity and infinity, and ticks are truncated
        // to microseconds.
        var utc = instant.UtcDateTime;
        var microseconds = utc == DateTime.MinValue ? long.MinValue
            : utc == DateTime.MaxValue ? long.MaxValue
            : (utc.Ticks - PostgresEpochTicks) / 10;
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], microseconds);
    }

    /// <summary>Ends a row: sends the buffer once it holds a chunk. Only whole rows are ever sent.</summary>
    public ValueTask EndRowAsync(CancellationToken cancellationToken) =>
        _length >= ChunkBytes ? SendAsync(cancellationToken) : ValueTask.CompletedTask;

    /// <summary>Writes the trailer and ends the COPY; the server's error about any row surfaces here.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
        await SendAsync(cancellationToken);
        _ended = true;
        await _stream.DisposeAsync(); // the raw stream ends the COPY (CopyDone) when disposed
    }

    /// <summary>Cancels the COPY unless it was completed, and returns the buffer.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_ended)
            {
                _ended = true;
                await _stream.CancelAsync();
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or ObjectDisposedException or IOException)
        {
            // The COPY is abandoned because the caller is already failing: its rows are discarded whatever happens here,
            // and a server error about them or a broken connection (which the pool then discards) must not hide the
            // caller's own error.
        }
        finally
        {
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = [];
            }
        }
    }

    private async ValueTask SendAsync(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
        if (_buffer.Length > ChunkBytes * 4)
        {
            // A huge row grew the buffer: give the memory back rather than keep it for the rest of the sync.
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes * 2);
        }
    }

    private Span<byte> Reserve(int length)
    {
        if (_length + length > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + length));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var span = _buffer.AsSpan(_length, length);
        _length += length;
        return span;
    }

    private void Append(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));
}
