using Newtonsoft.Json;

namespace Amigo.Connector.ITop;

/// <summary>The JSON type of a field value in an answer.</summary>
public enum ITopValueKind : byte
{
    /// <summary>JSON <c>null</c>.</summary>
    Null,
    /// <summary>A string (iTop's usual case: ids, external keys, enum codes and dates are strings too).</summary>
    String,
    /// <summary>A number literal.</summary>
    Number,
    /// <summary>JSON <c>true</c>.</summary>
    True,
    /// <summary>JSON <c>false</c>.</summary>
    False,
    /// <summary>An object (a case log, …), kept as its JSON text.</summary>
    Object,
    /// <summary>An array (a link set, …), kept as its JSON text.</summary>
    Array,
}

/// <summary>
/// One field of an object in an <see cref="ITopAnswerPage"/>: its value as UTF-8 bytes, with no .NET object made for it.
/// A string is unescaped (<c>"Acad\u00e9mie"</c> gives the bytes of <c>Académie</c>); a number, an object or an array is its
/// JSON text; <c>null</c>, <c>true</c> and <c>false</c> have no bytes.
/// </summary>
public readonly ref struct ITopRawField
{
    internal ITopRawField(int nameId, ITopValueKind kind, ReadOnlySpan<byte> utf8)
    {
        NameId = nameId;
        Kind = kind;
        Utf8 = utf8;
    }

    /// <summary>The attribute's id in the answer's <see cref="ITopFieldNames"/>.</summary>
    public int NameId { get; }

    /// <summary>The JSON type of the value.</summary>
    public ITopValueKind Kind { get; }

    /// <summary>The value's bytes (see the type's remarks).</summary>
    public ReadOnlySpan<byte> Utf8 { get; }

    /// <summary>
    /// The value's text as UTF-8, as <see cref="ITopObject.GetString"/> gives it: <c>true</c>/<c>false</c> for booleans,
    /// the bytes otherwise (empty for JSON null).
    /// </summary>
    public ReadOnlySpan<byte> TextUtf8 => Kind switch
    {
        ITopValueKind.True => "true"u8,
        ITopValueKind.False => "false"u8,
        _ => Utf8,
    };

    /// <summary>The value as <see cref="ITopObject.GetString"/> gives it: null for JSON null, otherwise its text.</summary>
    public string? ToText() => Kind == ITopValueKind.Null ? null : Encoding.UTF8.GetString(TextUtf8);
}

/// <summary>
/// The attribute names met in one answer, each with a stable id. Pages of the same answer share it, so a consumer can
/// map ids to its own columns once (see <see cref="ITopFieldLayout"/>).
/// </summary>
public sealed class ITopFieldNames
{
    // The reader adds names while a consumer on another thread reads earlier pages: every add publishes a new snapshot
    // (adds are rare, only while the first objects are read), so reads never see a half-made change.
    private Snapshot _current = new([], [], new Dictionary<string, int>(StringComparer.Ordinal));

    /// <summary>How many names are known so far (ids are 0 … Count-1; the set only grows).</summary>
    public int Count => Volatile.Read(ref _current).Names.Length;

    /// <summary>The name of an id.</summary>
    public string this[int id] => Volatile.Read(ref _current).Names[id];

    /// <summary>The id of a name, or -1 when no object of the answer had it so far.</summary>
    public int IdOf(string name) => Volatile.Read(ref _current).Ids.TryGetValue(name, out var id) ? id : -1;

    internal ReadOnlySpan<byte> Utf8(int id) => _current.Utf8[id];

    internal int GetOrAdd(string name)
    {
        var current = _current;
        if (current.Ids.TryGetValue(name, out var id)) return id;
        id = current.Names.Length;
        var ids = new Dictionary<string, int>(current.Ids, StringComparer.Ordinal) { [name] = id };
        Volatile.Write(ref _current, new Snapshot([.. current.Names, name], [.. current.Utf8, Encoding.UTF8.GetBytes(name)], ids));
        return id;
    }

    private sealed record Snapshot(string[] Names, byte[][] Utf8, Dictionary<string, int> Ids);
}

/// <summary>
/// A run of consecutive objects of an iTop answer, held as UTF-8 bytes: the form a bulk consumer (the sync's COPY into
/// PostgreSQL) reads without materialising a <see cref="ITopObject"/> per object. Pages are immutable once handed over.
/// </summary>
public sealed class ITopAnswerPage
{
    private const int DefaultRows = 128;
    // Recycled pages wait here for the next read: a sync's read-ahead holds about 20 pages at a time.
    private const int MaxRecycled = 32;
    private static readonly System.Collections.Concurrent.ConcurrentQueue<ITopAnswerPage> Recycled = new();
    private static int _recycledCount;
    private int _recycled;
    private byte[] _data;
    private int _dataLength;
    private long[] _keys;
    private string[] _classes;
    private int[] _rowStarts; // field index of each row's first field; row i spans [_rowStarts[i], _rowStarts[i + 1])
    private Slot[] _slots;
    private int _slotCount;

    internal ITopAnswerPage(ITopFieldNames names, int dataCapacity, int rowCapacity, int fieldCapacity)
    {
        Names = names;
        _data = new byte[Math.Max(dataCapacity, 256)];
        _keys = new long[Math.Max(rowCapacity, 1)];
        _classes = new string[_keys.Length];
        _rowStarts = new int[_keys.Length + 1];
        _slots = new Slot[Math.Max(fieldCapacity, 16)];
    }

    /// <summary>The names of the answer this page belongs to.</summary>
    public ITopFieldNames Names { get; private set; }

    /// <summary>Number of objects in the page.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes of field values held (to bound a page's size).</summary>
    internal int DataLength => _dataLength;

    /// <summary>Fields held, all rows together (to bound a page's size).</summary>
    internal int FieldSlots => _slotCount;

    /// <summary>The id of object <paramref name="row"/>.</summary>
    public long KeyOf(int row) => _keys[CheckRow(row)];

    /// <summary>The class of object <paramref name="row"/> (for a polymorphic read, the final class).</summary>
    public string ClassOf(int row) => _classes[CheckRow(row)];

    /// <summary>Number of fields of object <paramref name="row"/>, in the order iTop sent them.</summary>
    public int FieldCountOf(int row) => _rowStarts[CheckRow(row) + 1] - _rowStarts[row];

    /// <summary>Field <paramref name="index"/> (0 … <see cref="FieldCountOf"/>-1) of object <paramref name="row"/>.</summary>
    public ITopRawField Field(int row, int index)
    {
        var start = _rowStarts[CheckRow(row)];
        if ((uint)index >= (uint)(_rowStarts[row + 1] - start)) throw new ArgumentOutOfRangeException(nameof(index));
        ref readonly var slot = ref _slots[start + index];
        return new ITopRawField(slot.NameId, slot.Kind, _data.AsSpan(slot.Offset, slot.Length));
    }

    /// <summary>Finds the field named <paramref name="name"/> of object <paramref name="row"/>; its index, or -1.</summary>
    public int IndexOfField(int row, string name)
    {
        var id = Names.IdOf(name);
        if (id < 0) return -1;
        var start = _rowStarts[CheckRow(row)];
        for (var i = start; i < _rowStarts[row + 1]; i++)
            if (_slots[i].NameId == id) return i - start;
        return -1;
    }

    /// <summary>Object <paramref name="row"/> materialised as an <see cref="ITopObject"/> (what <see cref="IITopClient.StreamAsync"/> yields).</summary>
    public ITopObject ToObject(int row)
    {
        var count = FieldCountOf(row);
        var fields = new Dictionary<string, JToken?>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var field = Field(row, i);
            fields[Names[field.NameId]] = ToToken(field);
        }
        return new ITopObject(_classes[row], _keys[row], fields);
    }

    /// <summary>
    /// A page holding <paramref name="objects"/> (for clients that wrap or fake another and only have objects).
    /// Pass the same <paramref name="names"/> for every page of one read.
    /// </summary>
    public static ITopAnswerPage FromObjects(IReadOnlyList<ITopObject> objects, ITopFieldNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var page = new ITopAnswerPage(names ?? new ITopFieldNames(), 4096, objects.Count, objects.Count * 16);
        foreach (var item in objects)
        {
            foreach (var (name, value) in item.Fields)
            {
                var id = page.Names.GetOrAdd(name);
                switch (value?.Type)
                {
                    case null or JTokenType.Null or JTokenType.Undefined:
                        page.AddField(id, ITopValueKind.Null, []);
                        break;
                    case JTokenType.Boolean:
                        page.AddField(id, (bool)value ? ITopValueKind.True : ITopValueKind.False, []);
                        break;
                    case JTokenType.Integer or JTokenType.Float:
                        page.AddField(id, ITopValueKind.Number, Encoding.UTF8.GetBytes(value.ToString(Formatting.None)));
                        break;
                    case JTokenType.Object:
                        page.AddField(id, ITopValueKind.Object, Encoding.UTF8.GetBytes(value.ToString(Formatting.None)));
                        break;
                    case JTokenType.Array:
                        page.AddField(id, ITopValueKind.Array, Encoding.UTF8.GetBytes(value.ToString(Formatting.None)));
                        break;
                    default:
                        page.AddField(id, ITopValueKind.String, Encoding.UTF8.GetBytes(value.ToString()));
                        break;
                }
            }
            page.CommitRow(item.ClassName, item.Key);
        }
        return page;
    }

    /// <summary>Groups a stream of objects into pages of up to <paramref name="rowsPerPage"/> sharing one name set.</summary>
    public static async IAsyncEnumerable<ITopAnswerPage> FromObjectsAsync(
        IAsyncEnumerable<ITopObject> objects, int rowsPerPage = DefaultRows,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerPage, 1);
        var names = new ITopFieldNames();
        var pending = new List<ITopObject>(rowsPerPage);
        await foreach (var item in objects.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            pending.Add(item);
            if (pending.Count < rowsPerPage) continue;
            yield return FromObjects(pending, names);
            pending = new List<ITopObject>(rowsPerPage);
        }
        if (pending.Count > 0) yield return FromObjects(pending, names);
    }

    /// <summary>
    /// Hands the page back once its consumer is done with it, so that a later read reuses its arrays instead of
    /// allocating new ones (a bulk read otherwise allocates about 1 KB per object). Afterwards neither the page nor any
    /// <see cref="ITopRawField"/> read from it may be used: they would show other objects. Optional (a page never
    /// recycled is collected as usual) and idempotent.
    /// </summary>
    public void Recycle()
    {
        if (Interlocked.Exchange(ref _recycled, 1) == 1) return;
        if (Interlocked.Increment(ref _recycledCount) > MaxRecycled)
        {
            Interlocked.Decrement(ref _recycledCount);
            return;
        }
        Recycled.Enqueue(this);
    }

    /// <summary>A page with at least the given room: a recycled one whose arrays have exactly that size, or a new one.</summary>
    internal static ITopAnswerPage Rent(ITopFieldNames names, int dataCapacity, int rowCapacity, int fieldCapacity)
    {
        while (Recycled.TryDequeue(out var page))
        {
            Interlocked.Decrement(ref _recycledCount);
            // Pages of other shapes (grown for a huge object, made from objects) are left to the collector.
            if (page._data.Length != dataCapacity || page._keys.Length != rowCapacity || page._slots.Length != fieldCapacity) continue;
            page.Names = names;
            page.Count = 0;
            page._dataLength = 0;
            page._slotCount = 0;
            Array.Clear(page._classes);
            Volatile.Write(ref page._recycled, 0);
            return page;
        }
        return new ITopAnswerPage(names, dataCapacity, rowCapacity, fieldCapacity);
    }

    /// <summary>Appends a field to the row being built; <paramref name="utf8"/> is copied.</summary>
    internal void AddField(int nameId, ITopValueKind kind, ReadOnlySpan<byte> utf8)
    {
        var offset = Reserve(utf8.Length);
        utf8.CopyTo(_data.AsSpan(offset));
        AddSlot(nameId, kind, offset, utf8.Length);
    }

    /// <summary>Room for <paramref name="length"/> bytes of the next field's value; returns its offset (see <see cref="AddSlot"/>).</summary>
    internal int Reserve(int length)
    {
        if (_dataLength + length > _data.Length)
            Array.Resize(ref _data, Math.Max(_data.Length * 2, _dataLength + length));
        return _dataLength;
    }

    /// <summary>The writable bytes from <paramref name="offset"/> (after <see cref="Reserve"/>).</summary>
    internal Span<byte> Writable(int offset, int length) => _data.AsSpan(offset, length);

    /// <summary>Records a field whose value was written at <paramref name="offset"/>.</summary>
    internal void AddSlot(int nameId, ITopValueKind kind, int offset, int length)
    {
        if (_slotCount == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
        _slots[_slotCount++] = new Slot(nameId, kind, offset, length);
        _dataLength = Math.Max(_dataLength, offset + length);
    }

    /// <summary>Ends the row being built (its fields are those added since the previous row).</summary>
    internal void CommitRow(string className, long key)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _classes, Count * 2);
            Array.Resize(ref _rowStarts, Count * 2 + 1);
        }
        _keys[Count] = key;
        _classes[Count] = className;
        Count++;
        _rowStarts[Count] = _slotCount;
    }

    /// <summary>Drops the fields of the row being built (its JSON was incomplete and will be read again).</summary>
    internal void AbandonRow()
    {
        _slotCount = _rowStarts[Count];
        _dataLength = _slotCount == 0 ? 0 : _slots[_slotCount - 1].Offset + _slots[_slotCount - 1].Length;
    }

    /// <summary>Fields of the row being built so far, and the name id of one of them (to predict the next object's order).</summary>
    internal int PendingFieldCount => _slotCount - _rowStarts[Count];

    internal int PendingNameId(int index) => _slots[_rowStarts[Count] + index].NameId;

    private int CheckRow(int row) => (uint)row < (uint)Count ? row : throw new ArgumentOutOfRangeException(nameof(row));

    private static JToken ToToken(ITopRawField field) => field.Kind switch
    {
        ITopValueKind.Null => JValue.CreateNull(),
        ITopValueKind.String => new JValue(Encoding.UTF8.GetString(field.Utf8)),
        ITopValueKind.True => new JValue(true),
        ITopValueKind.False => new JValue(false),
        ITopValueKind.Number => ParseNumber(field.Utf8),
        _ => ParseStructured(field.Utf8),
    };

    private static JValue ParseNumber(ReadOnlySpan<byte> literal)
    {
        if (long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return new JValue(integer);
        return decimal.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? new JValue(number)
            : new JValue(double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private static JToken ParseStructured(ReadOnlySpan<byte> json)
    {
        using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(json)))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
            MaxDepth = 64,
        };
        return JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Ignore });
    }

    private readonly record struct Slot(int NameId, ITopValueKind Kind, int Offset, int Length);
}

/// <summary>
/// The attributes a consumer reads, in its own order: finds each one's field index in a page row, whatever order iTop
/// sent them in (absent ones are -1). The name-id mapping is worked out once per answer, not per object.
/// </summary>
public sealed class ITopFieldLayout
{
    private readonly string[] _attributes;
    private ITopFieldNames? _names;
    private int[] _columnOfName = [];

    /// <summary>A layout of <paramref name="attributes"/>.</summary>
    public ITopFieldLayout(IReadOnlyList<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        _attributes = [.. attributes];
    }

    /// <summary>The attributes, in the layout's order.</summary>
    public IReadOnlyList<string> Attributes => _attributes;

    /// <summary>
    /// Fills <paramref name="fieldIndexes"/> (one entry per attribute) with each attribute's field index in
    /// <paramref name="row"/> of <paramref name="page"/>, or -1 when the object does not have it.
    /// </summary>
    public void Locate(ITopAnswerPage page, int row, Span<int> fieldIndexes)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (fieldIndexes.Length < _attributes.Length) throw new ArgumentException("One entry per attribute is needed.", nameof(fieldIndexes));
        if (!ReferenceEquals(_names, page.Names) || _columnOfName.Length != page.Names.Count) Map(page.Names);
        fieldIndexes[.._attributes.Length].Fill(-1);
        var count = page.FieldCountOf(row);
        for (var i = 0; i < count; i++)
        {
            var column = _columnOfName[page.Field(row, i).NameId];
            if (column >= 0) fieldIndexes[column] = i;
        }
    }

    private void Map(ITopFieldNames names)
    {
        _names = names;
        _columnOfName = new int[names.Count];
        for (var id = 0; id < names.Count; id++) _columnOfName[id] = Array.IndexOf(_attributes, names[id]);
    }
}
