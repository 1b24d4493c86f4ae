namespace Amigo.Connector.Simulation;

/// <summary>An error the simulated iTop answers with (<c>{"code":N,"message":"…"}</c>).</summary>
/// <param name="atWrite">
/// Whether iTop raises it while writing the object (its consistency checks, or MariaDB refusing the row) rather than
/// while reading the request: a create that fails there has already taken a ticket ref number (checked on iTop 3.2).
/// </param>
internal sealed class SimError(int code, string message, bool withNullObjects = false, bool atWrite = false) : Exception(message)
{
    public int Code { get; } = code;

    /// <summary>Whether iTop adds <c>"objects":null</c> to this error (stimulus and permission errors do).</summary>
    public bool WithNullObjects { get; } = withNullObjects;

    public bool AtWrite { get; } = atWrite;
}
