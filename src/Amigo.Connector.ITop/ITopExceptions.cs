namespace Amigo.Connector.ITop;

/// <summary>iTop answered with a non-zero <c>code</c>: an application error, never retried.</summary>
public class ITopException : Exception
{
    /// <summary>Creates the error of one operation.</summary>
    public ITopException(string instance, string operation, int code, string itopMessage)
        : base($"iTop '{instance}' refused {operation}: code {code} ({ITopErrorCodes.Describe(code)}): {Shorten(itopMessage)}")
    {
        (Instance, Operation, Code, ITopMessage) = (instance, operation, code, itopMessage);
    }

    /// <summary>The iTop instance (academy id).</summary>
    public string Instance { get; }
    /// <summary>The REST operation, e.g. <c>core/apply_stimulus</c>.</summary>
    public string Operation { get; }
    /// <summary>iTop's code (1 unauthorized, 2 missing version, 3 missing json_data, 4 invalid JSON, 10 unsupported version, 11 unknown operation, 13 invalid page, 100 internal error; a MariaDB errno such as 1406 when the database refused a create).</summary>
    public int Code { get; }
    /// <summary>iTop's message, as sent (often in French).</summary>
    public string ITopMessage { get; }

    // A database refusal carries iTop's whole SQL query, values included (80 KB for a long description, with whatever
    // personal data the ticket holds): the exception's message, which lands in logs, keeps only both ends.
    private const int MessageLimit = 1_000;

    private static string Shorten(string message) =>
        message.Length <= MessageLimit
            ? message
            : string.Concat(message.AsSpan(0, MessageLimit / 2), $" […{message.Length - MessageLimit} characters…] ", message.AsSpan(message.Length - MessageLimit / 2));
}

/// <summary>Code 1: bad credentials, or a user without the "REST Services User" profile, or a missing right.</summary>
public sealed class ITopUnauthorizedException(string instance, string operation, string itopMessage)
    : ITopException(instance, operation, ITopErrorCodes.Unauthorized, itopMessage);

/// <summary>The instance could not be reached or did not answer JSON (HTML page, empty body, timeout, HTTP error).</summary>
public sealed class ITopTransportException : Exception
{
    /// <summary>Creates the error of one operation.</summary>
    public ITopTransportException(string instance, string operation, string detail, Exception? inner = null)
        : this(instance, operation, detail, inner, isTransient: false, requestNotSent: false)
    {
    }

    /// <summary>Creates the error of one operation, saying whether trying again may help and whether iTop can have seen the request.</summary>
    public ITopTransportException(string instance, string operation, string detail, Exception? inner, bool isTransient, bool requestNotSent)
        : base($"iTop '{instance}' could not answer {operation}: {detail}", inner)
    {
        (Instance, Operation, IsTransient, RequestNotSent) = (instance, operation, isTransient, requestNotSent);
    }

    /// <summary>The iTop instance (academy id).</summary>
    public string Instance { get; }
    /// <summary>The REST operation.</summary>
    public string Operation { get; }
    /// <summary>Whether the same call may succeed later (connection refused, timeout, HTTP 5xx, HTML error page, truncated body).</summary>
    public bool IsTransient { get; }
    /// <summary>Whether the request surely never reached iTop (connection refused): even a write can then be sent again.</summary>
    public bool RequestNotSent { get; }
}

/// <summary>A write was sent but its answer was lost: it may or may not have happened. Check before writing again.</summary>
public sealed class ITopOutcomeUnknownException(string instance, string operation, Exception inner)
    : Exception($"iTop '{instance}': the outcome of {operation} is unknown (the answer was lost): {inner.Message}", inner)
{
    /// <summary>The iTop instance (academy id).</summary>
    public string Instance { get; } = instance;
    /// <summary>The REST operation.</summary>
    public string Operation { get; } = operation;
}

/// <summary>iTop answered JSON whose shape or values the client cannot read.</summary>
public sealed class ITopFormatException(string message) : Exception(message);

/// <summary>iTop's REST error codes.</summary>
public static class ITopErrorCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>Unauthorized.</summary>
    public const int Unauthorized = 1;
    /// <summary>Missing version.</summary>
    public const int MissingVersion = 2;
    /// <summary>Missing json_data.</summary>
    public const int MissingJson = 3;
    /// <summary>Invalid JSON.</summary>
    public const int InvalidJson = 4;
    /// <summary>Unsupported version.</summary>
    public const int UnsupportedVersion = 10;
    /// <summary>Unknown operation.</summary>
    public const int UnknownOperation = 11;
    /// <summary>Invalid page.</summary>
    public const int InvalidPage = 13;
    /// <summary>Internal error (unknown class, bad OQL, mandatory field, invalid stimulus, ambiguous key…).</summary>
    public const int InternalError = 100;

    /// <summary>A short English name for a code.</summary>
    public static string Describe(int code) => code switch
    {
        Unauthorized => "unauthorized",
        MissingVersion => "missing version",
        MissingJson => "missing json_data",
        InvalidJson => "invalid JSON",
        UnsupportedVersion => "unsupported version",
        UnknownOperation => "unknown operation",
        InvalidPage => "invalid page",
        InternalError => "internal error",
        // iTop passes MariaDB's errno through as the code of a failed create (1406: data too long).
        >= 1000 => "database error",
        _ => "error",
    };
}
