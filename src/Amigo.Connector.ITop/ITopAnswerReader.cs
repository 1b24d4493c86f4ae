using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Newtonsoft.Json;
using Amigo.Connector.ITop.Internal;
using Newtonsoft.Json.Linq;

namespace Amigo.Connector.ITop;

/// <summary>What an answer said besides its objects.</summary>
/// <param name="Code">iTop's <c>code</c>.</param>
/// <param name="Message">iTop's <c>message</c> (<c>Found: N</c>, <c>Deleted: N</c>, an error…).</param>
public sealed record ITopAnswerHeader(int Code, string? Message)
{
    /// <summary>The N of <c>Found: N</c> / <c>Deleted: N</c>, when the message has that shape.</summary>
    public int? Count
    {
        get
        {
            if (Message is null) return null;
            var colon = Message.IndexOf(':');
            return colon > 0 && int.TryParse(Message.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        }
    }
}

/// <summary>
/// Reads iTop answers (<c>{"code":0,"message":"Found: N","objects":{"Class::id":{…}}}</c>) token by token, so a
/// 100,000-object answer is never held in memory as a whole: each object is materialised, handed over, and dropped.
/// </summary>
public static class ITopAnswerReader
{
    // 1 M chars of buffer, refilled whenever less than 256 K remain: a ticket with its case logs rarely exceeds that.
    private const int BufferChars = 1 << 20;
    private const int LookAheadChars = 1 << 18;

    /// <summary>
    /// Yields the objects of an answer in wire order. <paramref name="onHeader"/> is called once <c>code</c> and
    /// <c>message</c> are known (before the first object). A non-zero code raises <see cref="ITopException"/>;
    /// a body that is not an iTop JSON answer raises <see cref="ITopFormatException"/>.
    /// </summary>
    public static async IAsyncEnumerable<ITopObject> ReadObjectsAsync(
        TextReader body,
        string instance,
        string operation,
        Action<ITopAnswerHeader>? onHeader = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        // In-memory text is read synchronously as is; anything else through a look-ahead buffer filled asynchronously.
        var prefetch = body is StringReader ? null : new PrefetchingTextReader(body, BufferChars);
        using var reader = new JsonTextReader(prefetch ?? body)
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
            CloseInput = false,
            MaxDepth = 64,
            // Every object repeats the same attribute names: read them once instead of allocating them 100,000 times.
            PropertyNameTable = new DefaultJsonNameTable(),
        };
        var fieldCount = 0;
        if (prefetch is not null) await prefetch.EnsureAsync(LookAheadChars, cancellationToken).ConfigureAwait(false);
        if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            throw new ITopFormatException($"iTop '{instance}' answered {operation} with JSON that is not an object.");

        int? code = null;
        string? message = null;
        var headerSent = false;
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var property = (string)reader.Value!;
            switch (property)
            {
                case "code":
                    code = ReadInt(reader, "code");
                    break;
                case "message":
                    reader.Read();
                    message = reader.TokenType == JsonToken.Null ? null : Convert.ToString(reader.Value, CultureInfo.InvariantCulture);
                    break;
                case "objects":
                    if (code is null)
                        throw new ITopFormatException($"iTop '{instance}' answered {operation} with objects before its code.");
                    EnsureSuccess(instance, operation, code.Value, message);
                    if (!headerSent)
                    {
                        onHeader?.Invoke(new ITopAnswerHeader(code.Value, message));
                        headerSent = true;
                    }
                    reader.Read();
                    if (reader.TokenType == JsonToken.Null) break;
                    if (reader.TokenType != JsonToken.StartObject)
                        throw new ITopFormatException($"iTop '{instance}' answered {operation} with 'objects' that is neither null nor a map.");
                    while (true)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (prefetch is not null && prefetch.Buffered < LookAheadChars)
                            await prefetch.EnsureAsync(LookAheadChars, cancellationToken).ConfigureAwait(false);
                        if (!reader.Read() || reader.TokenType != JsonToken.PropertyName) break;
                        var item = ReadObject(reader, instance, operation, (string)reader.Value!, fieldCount);
                        fieldCount = item.Fields.Count;
                        yield return item;
                    }
                    if (reader.TokenType != JsonToken.EndObject)
                        throw new ITopFormatException($"iTop '{instance}' answered {operation} with a truncated 'objects' map.");
                    break;
                default:
                    reader.Skip();
                    break;
            }
            if (prefetch is not null && prefetch.Buffered < LookAheadChars)
                await prefetch.EnsureAsync(LookAheadChars, cancellationToken).ConfigureAwait(false);
        }
        if (reader.TokenType != JsonToken.EndObject)
            throw new ITopFormatException($"iTop '{instance}' answered {operation} with truncated JSON.");
        if (code is null)
            throw new ITopFormatException($"iTop '{instance}' answered {operation} without a code.");
        EnsureSuccess(instance, operation, code.Value, message);
        if (!headerSent) onHeader?.Invoke(new ITopAnswerHeader(code.Value, message));
    }

    /// <summary>Throws the <see cref="ITopException"/> of a non-zero code.</summary>
    public static void EnsureSuccess(string instance, string operation, int code, string? message)
    {
        if (code == ITopErrorCodes.Ok) return;
        throw code == ITopErrorCodes.Unauthorized
            ? new ITopUnauthorizedException(instance, operation, message ?? "")
            : new ITopException(instance, operation, code, message ?? "");
    }

    private static ITopObject ReadObject(JsonTextReader reader, string instance, string operation, string mapKey, int expectedFields)
    {
        if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            throw new ITopFormatException($"iTop '{instance}' answered {operation}: '{Shorten(mapKey)}' is not an object.");
        string? className = null, key = null;
        Dictionary<string, JToken?>? fields = null;
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            switch ((string)reader.Value!)
            {
                case "class":
                    className = reader.ReadAsString();
                    break;
                case "key":
                    key = reader.ReadAsString();
                    break;
                case "fields":
                    fields = ReadFields(reader, expectedFields);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (reader.TokenType != JsonToken.EndObject)
            throw new ITopFormatException($"iTop '{instance}' answered {operation} with a truncated object.");
        className ??= mapKey.Split("::")[0];
        if (!long.TryParse(key ?? mapKey.Split("::").LastOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            throw new ITopFormatException($"iTop '{instance}' answered {operation}: object '{Shorten(mapKey)}' has no numeric key.");
        return new ITopObject(className, id, fields ?? new Dictionary<string, JToken?>());
    }

    private static Dictionary<string, JToken?> ReadFields(JsonTextReader reader, int expectedFields)
    {
        reader.Read();
        var fields = new Dictionary<string, JToken?>(expectedFields, StringComparer.Ordinal);
        if (reader.TokenType == JsonToken.Null) return fields;
        if (reader.TokenType != JsonToken.StartObject) throw new ITopFormatException("An object's 'fields' is not a JSON object.");
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            reader.Read();
            fields[name] = reader.TokenType switch
            {
                JsonToken.String => new JValue((string?)reader.Value),
                JsonToken.Null => JValue.CreateNull(),
                JsonToken.Integer or JsonToken.Float or JsonToken.Boolean => new JValue(reader.Value),
                JsonToken.StartObject or JsonToken.StartArray => JToken.ReadFrom(reader),
                _ => throw new ITopFormatException($"Field '{Shorten(name)}' has an unexpected JSON token {reader.TokenType}."),
            };
        }
        return fields;
    }

    private static int ReadInt(JsonTextReader reader, string what)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonToken.Integer => Convert.ToInt32(reader.Value, CultureInfo.InvariantCulture),
            JsonToken.String when int.TryParse((string?)reader.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => throw new ITopFormatException($"iTop's '{what}' is not an integer."),
        };
    }

    internal static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    /// <summary>Describes a body that is not an iTop JSON answer, for error messages (tags stripped, shortened).</summary>
    internal static string DescribeNonJson(ReadOnlySpan<byte> start)
    {
        var text = Encoding.UTF8.GetString(start).Trim();
        if (text.Length == 0) return "an empty body";
        var kind = text.StartsWith('<') ? "an HTML page" : text.Contains("({", StringComparison.Ordinal) ? "a JSONP answer (callback)" : "a body that is not JSON";
        var plain = System.Text.RegularExpressions.Regex.Replace(text, "<[^>]*>", " ");
        plain = System.Text.RegularExpressions.Regex.Replace(plain, @"\s+", " ").Trim();
        return $"{kind}: \"{Shorten(plain)}\"";
    }
}
