namespace Amigo.Plugins.ArenaSso.Tests.Support;

/// <summary>
/// HTTP/1.1 requests written byte for byte on a socket: header values in any encoding and the same header name several
/// times, which HttpClient and browsers would normalise or refuse.
/// </summary>
internal static class RawHttp
{
    /// <summary>A GET with <paramref name="headers"/> written in order (values in <paramref name="encoding"/>); the status and the body (de-chunked).</summary>
    public static async Task<(int Status, string Body)> GetAsync(Uri server, string pathAndQuery, IEnumerable<(string Name, string Value)> headers, Encoding encoding)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var request = new MemoryStream();
        void Write(string text, Encoding e) => request.Write(e.GetBytes(text));
        Write($"GET {pathAndQuery} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n", Encoding.ASCII);
        foreach (var (name, value) in headers)
        {
            Write(name + ": ", Encoding.ASCII);
            Write(value, encoding);
            Write("\r\n", Encoding.ASCII);
        }
        Write("\r\n", Encoding.ASCII);
        await stream.WriteAsync(request.ToArray());
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = response[..split];
        var body = response[(split + 4)..];
        return (status, head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(body) : body);
    }

    private static string Dechunk(string body)
    {
        var text = new StringBuilder();
        var position = 0;
        while (position < body.Length)
        {
            var end = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            if (end < 0) break;
            var size = int.Parse(body[position..end].Split(';')[0], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            if (size == 0) break;
            // Sizes count bytes; the body was decoded as UTF-8, so take the chunk by its bytes.
            var start = end + 2;
            var bytes = Encoding.UTF8.GetBytes(body[start..]);
            var chunk = Encoding.UTF8.GetString(bytes, 0, Math.Min(size, bytes.Length));
            text.Append(chunk);
            position = start + chunk.Length + 2;
        }
        return text.ToString();
    }
}
