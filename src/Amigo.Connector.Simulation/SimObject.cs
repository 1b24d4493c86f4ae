namespace Amigo.Connector.Simulation;

/// <summary>One entry of a simulated case log, as iTop answers it.</summary>
public sealed record SimCaseLogEntry(string Date, string UserLogin, string UserId, string Message, string MessageHtml);

/// <summary>A stored object of the simulated iTop: stored values only (external fields and friendly names are computed when read).</summary>
public sealed class SimObject
{
    internal SimObject(string className, long id)
    {
        ClassName = className;
        Id = id;
    }

    /// <summary>The object's class.</summary>
    public string ClassName { get; }

    /// <summary>The object's id.</summary>
    public long Id { get; }

    /// <summary>Stored values: text for scalars, keys ("0" when empty) and dates ("" when empty); case logs apart.</summary>
    internal Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Stored case logs, in insertion order.</summary>
    internal Dictionary<string, List<SimCaseLogEntry>> Logs { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Link sets written by the request being applied (attribute → the wanted links, not yet stored): the store
    /// saves them once the object itself is saved. Never copied by <see cref="Clone"/>.
    /// </summary>
    internal Dictionary<string, List<SimObject>> PendingLinks { get; } = new(StringComparer.Ordinal);

    internal SimObject Clone()
    {
        var copy = new SimObject(ClassName, Id);
        foreach (var (k, v) in Values) copy.Values[k] = v;
        foreach (var (k, v) in Logs) copy.Logs[k] = [.. v];
        return copy;
    }
}
