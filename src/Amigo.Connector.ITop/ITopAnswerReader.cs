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
/// Reads iTop answers (<c>{"code":0,"message":"Found: N","objects":{"Class::id":{…}}}</c>) from UTF-8 bytes while they
/// arrive, so a 100,000-object answer is never held in memory as a whole: objects are parsed into pages of UTF-8 values
/// (<see cref="ReadPagesAsync"/>), handed over, and dropped.
/// </summary>
public static class ITopAnswerReader
{
    private const int InitialBufferBytes = 256 * 1024;
    private const int MinimumParseBytes = 16 * 1024;

    /// <summary>
    /// Yields the objects of an answer in wire order, as pages. <paramref name="onHeader"/> is called once <c>code</c> and
    /// <c>message</c> are known (before the first page). A non-zero code raises <see cref="ITopException"/>; a body that is
    /// not an iTop answer raises <see cref="ITopFormatException"/>; JSON that is malformed or cut raises
    /// <see cref="System.Text.Json.JsonException"/>.
    /// </summary>
    public static async IAsyncEnumerable<ITopAnswerPage> ReadPagesAsync(
        Stream body,
        string instance,
        string operation,
        Action<ITopAnswerHeader>? onHeader = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var parser = new AnswerParser(instance, operation, onHeader);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        var ready = new List<ITopAnswerPage>();
        int start = 0, end = 0;
        try
        {
            while (!parser.Done)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // An object cut at the end of the bytes is parsed again from its start: wait for twice the pending bytes
                // first, so that one object far larger than a network read is not re-parsed once per read.
                var wanted = Math.Max((end - start) * 2, MinimumParseBytes);
                var final = false;
                while (!final && end - start < wanted)
                {
                    if (end == buffer.Length) (buffer, start, end) = MakeRoom(buffer, start, end);
                    var read = await body.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                    end += read;
                    final = read == 0;
                }

                start += parser.Parse(buffer.AsSpan(start, end - start), final, ready);
                foreach (var page in ready) yield return page;
                ready.Clear();
                if (start == end) start = end = 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Yields the objects of an answer in wire order, each materialised as an <see cref="ITopObject"/> (see
    /// <see cref="ReadPagesAsync"/> for the rules).
    /// </summary>
    public static async IAsyncEnumerable<ITopObject> ReadObjectsAsync(
        Stream body,
        string instance,
        string operation,
        Action<ITopAnswerHeader>? onHeader = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in ToObjectsAsync(ReadPagesAsync(body, instance, operation, onHeader, cancellationToken), cancellationToken).ConfigureAwait(false))
            yield return item;
    }

    /// <summary>The objects of <paramref name="pages"/>, each materialised, in order.</summary>
    internal static async IAsyncEnumerable<ITopObject> ToObjectsAsync(IAsyncEnumerable<ITopAnswerPage> pages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            for (var row = 0; row < page.Count; row++)
            {
                cancellationToken.ThrowIfCancellationRequested(); // a page holds many objects: a caller may stop between two
                yield return page.ToObject(row);
            }
        }
    }

    /// <summary>Moves the unparsed bytes to the buffer's start, or doubles the buffer when they fill it.</summary>
    private static (byte[] Buffer, int Start, int End) MakeRoom(byte[] buffer, int start, int end)
    {
        var pending = end - start;
        var target = pending > buffer.Length / 2 ? ArrayPool<byte>.Shared.Rent(buffer.Length * 2) : buffer;
        Buffer.BlockCopy(buffer, start, target, 0, pending);
        if (!ReferenceEquals(target, buffer)) ArrayPool<byte>.Shared.Return(buffer);
        return (target, 0, pending);
    }

    /// <summary>Throws the <see cref="ITopException"/> of a non-zero code.</summary>
    public static void EnsureSuccess(string instance, string operation, int code, string? message)
    {
        if (code == ITopErrorCodes.Ok) return;
        throw code == ITopErrorCodes.Unauthorized
            ? new ITopUnauthorizedException(instance, operation, message ?? "")
            : new ITopException(instance, operation, code, message ?? "");
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
