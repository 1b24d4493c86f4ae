namespace Amigo.Connector.Sync;

/// <summary>
/// An order-independent fingerprint of a set of rows (count and wrapping sum of per-row SHA-256 prefixes): iTop does
/// not promise an order, and a changed, added or removed row changes the fingerprint.
/// </summary>
internal sealed class RowSetHash
{
    private readonly StringBuilder _row = new();
    private ulong _sum;
    private long _count;

    public string Value => string.Create(CultureInfo.InvariantCulture, $"{_count}:{_sum:x16}");

    public void Add<T>(StagedTable<T> table, T row)
    {
        _row.Clear();
        foreach (var column in table.Columns)
        {
            var value = column.Read(row);
            _row.Append(value is null ? "\u0000" : Convert.ToString(value is DateTimeOffset instant ? instant.UtcTicks : value, CultureInfo.InvariantCulture)).Append('\u001f');
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(_row.ToString()), digest);
        _sum = unchecked(_sum + BinaryPrimitives.ReadUInt64LittleEndian(digest));
        _count++;
    }
}
