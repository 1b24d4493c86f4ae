using System.Text.Json;

namespace Amigo.Connector.ITop.Internal;

/// <summary>
/// Parses an iTop answer (<c>{"code":0,"message":"Found: N","objects":{"Class::id":{…}}}</c>) from UTF-8 bytes as they
/// arrive, into <see cref="ITopAnswerPage"/>s. It is resumable: <see cref="Parse"/> consumes whole units only (an
/// envelope property, or one object of the map) and reports how many bytes it used; the caller keeps the rest and calls
/// again with more bytes appended. Field values are copied into the page as UTF-8 (strings unescaped), so no .NET
/// object is made per field.
/// </summary>
internal sealed class AnswerParser(string instance, string operation, Action<ITopAnswerHeader>? onHeader)
{
    // A page is handed over at 128 objects or 64 KB of values: its arrays stay below the large-object heap's threshold.
    private const int PageRows = 128;
    private const int PageBytes = 64 * 1024;
    private const int PageFields = 4096;
    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private readonly ITopFieldNames _names = new();
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow });
    private Phase _phase;
    private ITopAnswerPage? _page;
    private int? _code;
    private string? _message;
    private bool _headerSent;
    private int[] _previousOrder = [];
    private int _previousCount;
    private string? _lastClass;
    private byte[] _lastClassUtf8 = [];

    private enum Phase
    {
        Start,
        Envelope,
        Objects,
        Done,
    }

    /// <summary>The answer's closing brace has been read.</summary>
    public bool Done => _phase == Phase.Done;

    /// <summary>
    /// Parses the complete units of <paramref name="data"/>, adding filled pages to <paramref name="ready"/> (and the last,
    /// partial one once the answer is done). Returns the number of bytes used; the unused tail must be passed again.
    /// <paramref name="isFinal"/> says no more bytes will come: an answer that is not done by then is cut.
    /// </summary>
    public int Parse(ReadOnlySpan<byte> data, bool isFinal, List<ITopAnswerPage> ready)
    {
        var used = 0;
        if (_phase == Phase.Start)
        {
            // Utf8JsonReader does not skip a byte-order mark, which some PHP set-ups prepend.
            if (!isFinal && data.Length < ByteOrderMark.Length && ByteOrderMark.StartsWith(data)) return 0;
            if (data.StartsWith(ByteOrderMark)) used = ByteOrderMark.Length;
        }

        var reader = new Utf8JsonReader(data[used..], isFinal, _state);
        var offset = used;
        while (_phase != Phase.Done)
        {
            bool complete;
            try
            {
                complete = _phase switch
                {
                    Phase.Start => ReadStart(ref reader),
                    Phase.Envelope => ReadEnvelopeProperty(ref reader, ready),
                    _ => ReadObjectEntry(ref reader, data[offset..], ready),
                };
            }
            catch
            {
                _page?.AbandonRow();
                throw;
            }

            if (!complete)
            {
                _page?.AbandonRow();
                if (isFinal) throw new JsonException($"The answer ended before its JSON did ({data.Length - used} bytes of an unfinished part).");
                break;
            }

            used = offset + (int)reader.BytesConsumed;
            _state = reader.CurrentState;
        }
        return used;
    }

    private bool ReadStart(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) return false;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new ITopFormatException($"iTop '{instance}' answered {operation} with JSON that is not an object.");
        _phase = Phase.Envelope;
        return true;
    }

    private bool ReadEnvelopeProperty(ref Utf8JsonReader reader, List<ITopAnswerPage> ready)
    {
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            if (_code is null) throw new ITopFormatException($"iTop '{instance}' answered {operation} without a code.");
            SendHeader();
            if (_page is { Count: > 0 }) ready.Add(_page);
            _page = null;
            _phase = Phase.Done;
            return true;
        }

        if (reader.ValueTextEquals("code"u8))
        {
            if (!reader.Read()) return false;
            _code = ReadCode(ref reader);
            return true;
        }

        if (reader.ValueTextEquals("message"u8))
        {
            if (!reader.Read()) return false;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                if (!reader.TrySkip()) return false;
                _message = null;
                return true;
            }
            _message = reader.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.True => "True",
                JsonTokenType.False => "False",
                _ => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            };
            return true;
        }

        if (reader.ValueTextEquals("objects"u8))
        {
            if (_code is null) throw new ITopFormatException($"iTop '{instance}' answered {operation} with objects before its code.");
            SendHeader();
            if (!reader.Read()) return false;
            if (reader.TokenType == JsonTokenType.Null) return true;
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new ITopFormatException($"iTop '{instance}' answered {operation} with 'objects' that is neither null nor a map.");
            _phase = Phase.Objects;
            return true;
        }

        if (!reader.Read()) return false;
        return reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip();
    }

    private void SendHeader()
    {
        ITopAnswerReader.EnsureSuccess(instance, operation, _code!.Value, _message);
        if (_headerSent) return;
        _headerSent = true;
        onHeader?.Invoke(new ITopAnswerHeader(_code.Value, _message));
    }

    private int ReadCode(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number)) return number;
        if (reader.TokenType == JsonTokenType.String
            && int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        throw new ITopFormatException("iTop's 'code' is not an integer.");
    }

    /// <summary>One <c>"Class::id": {…}</c> entry of the objects map, or the map's end.</summary>
    private bool ReadObjectEntry(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<ITopAnswerPage> ready)
    {
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            _phase = Phase.Envelope;
            return true;
        }

        var mapKey = reader; // a copy positioned on the map key: decoded only if the object lacks its class or key
        if (!reader.Read()) return false;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new ITopFormatException($"iTop '{instance}' answered {operation}: '{ITopAnswerReader.Shorten(mapKey.GetString() ?? "")}' is not an object.");

        _page ??= ITopAnswerPage.Rent(_names, PageBytes + PageBytes / 4, PageRows, PageFields + PageFields / 8);
        string? className = null;
        long? key = null;
        var keyGiven = false;
        while (true)
        {
            if (!reader.Read()) return false;
            if (reader.TokenType == JsonTokenType.EndObject) break;
            if (reader.ValueTextEquals("fields"u8))
            {
                if (!ReadFields(ref reader, data)) return false;
            }
            else if (reader.ValueTextEquals("class"u8))
            {
                if (!reader.Read()) return false;
                className = ReadClass(ref reader);
            }
            else if (reader.ValueTextEquals("key"u8))
            {
                if (!reader.Read()) return false;
                keyGiven = reader.TokenType != JsonTokenType.Null;
                key = reader.TokenType is JsonTokenType.String or JsonTokenType.Number ? ParseKey(ref reader) : null;
            }
            else
            {
                if (!reader.Read()) return false;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip()) return false;
            }
        }

        if (className is null || !keyGiven)
        {
            var parts = (mapKey.GetString() ?? "").Split("::");
            className ??= parts[0];
            if (!keyGiven && long.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var fromMapKey)) key = fromMapKey;
        }
        if (key is not { } id)
            throw new ITopFormatException($"iTop '{instance}' answered {operation}: object '{ITopAnswerReader.Shorten(mapKey.GetString() ?? "")}' has no numeric key.");

        RememberOrder(_page);
        _page.CommitRow(className, id);
        if (_page.Count >= PageRows || _page.DataLength >= PageBytes || _page.FieldSlots >= PageFields)
        {
            ready.Add(_page);
            _page = null;
        }
        return true;
    }

    private bool ReadFields(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartObject) throw new ITopFormatException("An object's 'fields' is not a JSON object.");
        var page = _page!;
        while (true)
        {
            if (!reader.Read()) return false;
            if (reader.TokenType == JsonTokenType.EndObject) return true;
            var nameId = NameId(ref reader, page.PendingFieldCount);
            if (!reader.Read()) return false;
            switch (reader.TokenType)
            {
                case JsonTokenType.String when !reader.ValueIsEscaped:
                    page.AddField(nameId, ITopValueKind.String, reader.ValueSpan);
                    break;
                case JsonTokenType.String:
                    var offset = page.Reserve(reader.ValueSpan.Length); // unescaping never lengthens
                    var written = reader.CopyString(page.Writable(offset, reader.ValueSpan.Length));
                    page.AddSlot(nameId, ITopValueKind.String, offset, written);
                    break;
                case JsonTokenType.Number:
                    page.AddField(nameId, ITopValueKind.Number, reader.ValueSpan);
                    break;
                case JsonTokenType.True:
                    page.AddField(nameId, ITopValueKind.True, []);
                    break;
                case JsonTokenType.False:
                    page.AddField(nameId, ITopValueKind.False, []);
                    break;
                case JsonTokenType.Null:
                    page.AddField(nameId, ITopValueKind.Null, []);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var kind = reader.TokenType == JsonTokenType.StartObject ? ITopValueKind.Object : ITopValueKind.Array;
                    var start = (int)reader.TokenStartIndex;
                    if (!reader.TrySkip()) return false;
                    page.AddField(nameId, kind, data[start..(int)reader.BytesConsumed]);
                    break;
                default:
                    throw new ITopFormatException($"Field '{ITopAnswerReader.Shorten(_names[nameId])}' has an unexpected JSON token {reader.TokenType}.");
            }
        }
    }

    /// <summary>The id of the field name under the reader: iTop sends every object's fields in the same order, so the
    /// previous object's name at this position is tried first and a string is made only for a name not seen there.</summary>
    private int NameId(ref Utf8JsonReader reader, int position)
    {
        if (position < _previousCount)
        {
            var predicted = _previousOrder[position];
            if (reader.ValueTextEquals(_names.Utf8(predicted))) return predicted;
        }
        return _names.GetOrAdd(reader.GetString()!);
    }

    private void RememberOrder(ITopAnswerPage page)
    {
        var count = page.PendingFieldCount;
        if (_previousOrder.Length < count) _previousOrder = new int[Math.Max(count, 16)];
        for (var i = 0; i < count; i++) _previousOrder[i] = page.PendingNameId(i);
        _previousCount = count;
    }

    private string? ReadClass(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) return reader.TokenType == JsonTokenType.Null ? null : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
        if (_lastClass is not null && reader.ValueTextEquals(_lastClassUtf8)) return _lastClass;
        _lastClass = reader.GetString()!;
        _lastClassUtf8 = System.Text.Encoding.UTF8.GetBytes(_lastClass);
        return _lastClass;
    }

    private static long? ParseKey(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && System.Buffers.Text.Utf8Parser.TryParse(reader.ValueSpan, out long id, out var used) && used == reader.ValueSpan.Length && id >= 0)
            return id;
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }
}
