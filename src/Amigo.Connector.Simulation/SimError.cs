namespace Amigo.Connector.Simulation;

/// <summary>An error the simulated iTop answers with (<c>{"code":N,"message":"…"}</c>).</summary>
internal sealed class SimError(int code, string message, bool withNullObjects = false) : Exception(message)
{
    public int Code { get; } = code;

    /// <summary>Whether iTop adds <c>"objects":null</c> to this error (stimulus and permission errors do).</summary>
    public bool WithNullObjects { get; } = withNullObjects;
}
