namespace Amigo.Connector.Contracts.Faults;

/// <summary>
/// Named places where a write to iTop can be interrupted, for the fault suite: a test (or an operator rehearsing a
/// crash) names one and the process dies there as if killed, so the next run's recovery is exercised for real.
/// Off unless configured: <see cref="Reach"/> costs one comparison.
/// </summary>
public interface IFaultPoints
{
    /// <summary>Called at a boundary; dies (or throws in tests) when this boundary is the configured one.</summary>
    void Reach(string point);
}

/// <summary>The boundaries of a write that follows an audit <c>decided</c> entry.</summary>
public static class WriteBoundaries
{
    /// <summary>The decision is audited, nothing is written to iTop yet.</summary>
    public const string BeforeITopWrite = "before-itop-write";
    /// <summary>iTop applied the write; nothing about it is recorded yet.</summary>
    public const string AfterITopWrite = "after-itop-write";
    /// <summary>The write and its <c>done</c> audit entry are recorded.</summary>
    public const string AfterAudit = "after-audit";

    /// <summary>The three, in order.</summary>
    public static IReadOnlyList<string> All { get; } = [BeforeITopWrite, AfterITopWrite, AfterAudit];

    /// <summary>A plugin's point name: <c>{plugin}.{boundary}</c>, e.g. <c>autoclose.after-itop-write</c>.</summary>
    public static string Of(string pluginId, string boundary) => $"{pluginId}.{boundary}";
}

/// <summary>
/// The production hook: the environment variable <c>AMIGO_FAULT_POINT</c> names one point (e.g.
/// <c>autoclose.after-itop-write</c>); reaching it kills the process at once (SIGKILL, no cleanup, like <c>kill -9</c>).
/// Unset — always, outside fault tests — it does nothing.
/// </summary>
public sealed class EnvironmentFaultPoints : IFaultPoints
{
    /// <summary>The variable naming the point.</summary>
    public const string Variable = "AMIGO_FAULT_POINT";

    private readonly string? _point = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value.Trim() : null;

    /// <summary>Points that do nothing.</summary>
    public static IFaultPoints None { get; } = new NoFaultPoints();

    /// <inheritdoc />
    public void Reach(string point)
    {
        if (_point is null || !string.Equals(point, _point, StringComparison.Ordinal)) return;
        Console.Error.WriteLine($"fault point {point} reached: killing the process");
        Console.Error.Flush();
        System.Diagnostics.Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite); // Kill is asynchronous: nothing more may run in this process.
    }

    private sealed class NoFaultPoints : IFaultPoints
    {
        public void Reach(string point)
        {
        }
    }
}
