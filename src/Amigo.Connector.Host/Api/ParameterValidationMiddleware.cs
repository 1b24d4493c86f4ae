namespace Amigo.Connector.Host.Api;

/// <summary>
/// Refuses, before routing and so before any handler or SQL sees them, request targets whose path or query string
/// carries a NUL character or bytes that are not UTF-8 once percent-decoded (PostgreSQL rejects both in text, which
/// would surface as a 500): 400 with a problem+json naming the part. Applies to every endpoint, plugins' included.
/// </summary>
internal sealed class ParameterValidationMiddleware(RequestDelegate next)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task InvokeAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw)) raw = context.Request.Path.Value + context.Request.QueryString.Value;
        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var problem = Check("path", question < 0 ? raw : raw[..question]) ?? (question < 0 ? null : Check("query string", raw[(question + 1)..]));
        if (problem is null)
        {
            await next(context);
            return;
        }
        await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request parameter", detail: problem).ExecuteAsync(context);
    }

    /// <summary>Null when <paramref name="part"/> decodes to UTF-8 text without NUL; otherwise why not.</summary>
    internal static string? Check(string name, string part)
    {
        var bytes = new List<byte>(part.Length);
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] == '%' && i + 2 < part.Length && Uri.IsHexDigit(part[i + 1]) && Uri.IsHexDigit(part[i + 2]))
            {
                bytes.Add(Convert.ToByte(part.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (part[i] < 0x80) bytes.Add((byte)part[i]);
            else bytes.AddRange(Encoding.UTF8.GetBytes(part[i].ToString()));
        }
        if (bytes.Contains(0)) return $"The {name} contains a NUL character.";
        try
        {
            StrictUtf8.GetString(bytes.ToArray());
            return null;
        }
        catch (DecoderFallbackException)
        {
            return $"The {name} is not valid UTF-8 once percent-decoded.";
        }
    }
}
