namespace Amigo.Connector.Sync;

/// <summary>
/// Encodes UserRequests of an <see cref="ITopAnswerPage"/> as rows of the ticket staging table, straight from their UTF-8
/// field values to the binary COPY format, following each <see cref="TicketColumn"/>'s rule. The values are those the
/// <see cref="ITopObject"/> getters give (a number, true or false stands for its literal text, as
/// <see cref="ITopObject.GetString"/> has it; null, absent and <c>""</c> are alike for every rule), without making a .NET
/// object per field. Also remembers the greatest <c>last_update</c> it encoded (the sync's next watermark).
/// Not thread-safe: one sync's rows are encoded in order by one task.
/// </summary>
internal sealed class TicketRowEncoder
{
    private readonly TicketColumn[] _columns;
    private readonly int[] _attributeOfColumn; // index in _layout of each column's attribute, -1 when it has none
    private readonly ITopFieldLayout _layout;
    private readonly int[] _fieldIndexes;
    private readonly int _lastUpdateAttribute;
    private readonly StatusGroupNames _groups;
    private readonly ITopTimeZone _zone;
    private byte[] _latestLastUpdate = new byte[32];
    private int _latestLastUpdateLength = -1;

    public TicketRowEncoder(IReadOnlyList<TicketColumn> columns, LifecycleProfile lifecycle, ITopTimeZone zone)
    {
        _columns = [.. columns];
        // Several columns may read one attribute (status, last_update): the layout locates each attribute once.
        var attributes = _columns.Select(c => c.Attribute).OfType<string>().Append(TicketColumns.LastUpdate).Distinct(StringComparer.Ordinal).ToList();
        _attributeOfColumn = [.. _columns.Select(c => c.Attribute is null ? -1 : attributes.IndexOf(c.Attribute))];
        _lastUpdateAttribute = attributes.IndexOf(TicketColumns.LastUpdate);
        _layout = new ITopFieldLayout(attributes);
        _fieldIndexes = new int[attributes.Count];
        _groups = new StatusGroupNames(lifecycle);
        _zone = zone;
    }

    /// <summary>The greatest non-empty <c>last_update</c> of the rows encoded so far (iTop's local time text), or null.</summary>
    public string? LatestLastUpdate =>
        _latestLastUpdateLength < 0 ? null : Encoding.UTF8.GetString(_latestLastUpdate, 0, _latestLastUpdateLength);

    /// <summary>
    /// Writes object <paramref name="row"/> of <paramref name="page"/> as one row. A value its rule rejects (an external
    /// key that is not a number, a date that is not a date) raises <see cref="ITopFormatException"/> naming the object
    /// and attribute; the row is then half written and the COPY must be abandoned.
    /// </summary>
    public void Encode(ITopAnswerPage page, int row, BinaryCopyWriter copy)
    {
        _layout.Locate(page, row, _fieldIndexes);
        var key = page.KeyOf(row);
        copy.StartRow(_columns.Length);
        for (var c = 0; c < _columns.Length; c++)
        {
            var text = TextOf(page, row, _attributeOfColumn[c]);
            switch (_columns[c].Rule)
            {
                case TicketRule.ObjectKey:
                    copy.WriteBigint(key);
                    break;
                case TicketRule.TextOrKeyReference when text.IsEmpty:
                    WriteKeyReference(copy, key);
                    break;
                case TicketRule.TextOrKeyReference or TicketRule.RequiredText:
                    copy.WriteText(text);
                    break;
                case TicketRule.StatusGroup:
                    copy.WriteText(_groups.Of(text));
                    break;
                case TicketRule.Text when text.IsEmpty:
                    copy.WriteNull();
                    break;
                case TicketRule.Text:
                    copy.WriteText(text);
                    break;
                case TicketRule.ExternalKey:
                    WriteExternalKey(copy, text, page, row, _columns[c].Attribute!);
                    break;
                case TicketRule.Instant:
                    WriteInstant(copy, text, page, row, _columns[c].Attribute!);
                    break;
                default:
                    throw new InvalidOperationException($"Column {_columns[c].Name} has no encoding for rule {_columns[c].Rule}.");
            }
        }

        RememberLastUpdate(TextOf(page, row, _lastUpdateAttribute));
    }

    /// <summary>The field's text as <see cref="ITopObject.GetString"/> gives it; empty for JSON null or an absent field.</summary>
    private ReadOnlySpan<byte> TextOf(ITopAnswerPage page, int row, int attribute)
    {
        var index = attribute < 0 ? -1 : _fieldIndexes[attribute];
        if (index < 0)
        {
            return default;
        }

        return page.Field(row, index).TextUtf8;
    }

    private static void WriteKeyReference(BinaryCopyWriter copy, long key)
    {
        Span<byte> reference = stackalloc byte[1 + 20];
        reference[0] = (byte)'#';
        key.TryFormat(reference[1..], out var digits, default, CultureInfo.InvariantCulture);
        copy.WriteText(reference[..(1 + digits)]);
    }

    private static void WriteExternalKey(BinaryCopyWriter copy, ReadOnlySpan<byte> text, ITopAnswerPage page, int row, string attribute)
    {
        if (text.IsEmpty)
        {
            copy.WriteNull();
            return;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            var value = Encoding.UTF8.GetString(text);
            throw new ITopFormatException($"Field '{attribute}' of {page.ClassOf(row)}::{page.KeyOf(row)} is not an id: '{(value.Length <= 40 ? value : value[..40] + "…")}'.");
        }

        if (id == 0)
        {
            copy.WriteNull(); // iTop's empty external key
        }
        else
        {
            copy.WriteBigint(id);
        }
    }

    private void WriteInstant(BinaryCopyWriter copy, ReadOnlySpan<byte> text, ITopAnswerPage page, int row, string attribute)
    {
        if (!ITopTimeZone.TryParseLocal(text, out var local))
        {
            throw ITopTimeZone.InvalidDate(text, $"{page.ClassOf(row)}::{page.KeyOf(row)}.{attribute}");
        }

        if (local is { } time)
        {
            copy.WriteTimestampTz(_zone.ToInstant(time));
        }
        else
        {
            copy.WriteNull();
        }
    }

    private void RememberLastUpdate(ReadOnlySpan<byte> lastUpdate)
    {
        // Ordinal order of UTF-8 bytes is the order of iTop's "YYYY-MM-DD HH:MM:SS" texts.
        if (lastUpdate.IsEmpty || (_latestLastUpdateLength >= 0 && lastUpdate.SequenceCompareTo(_latestLastUpdate.AsSpan(0, _latestLastUpdateLength)) <= 0))
        {
            return;
        }

        if (lastUpdate.Length > _latestLastUpdate.Length)
        {
            _latestLastUpdate = new byte[lastUpdate.Length];
        }

        lastUpdate.CopyTo(_latestLastUpdate);
        _latestLastUpdateLength = lastUpdate.Length;
    }
}
