namespace Amigo.Connector.Host.Academies;

/// <summary>
/// The run-time plugin switches of every academy, read once and kept: the enabled check (every job, every plugin
/// request, ARENA's included) answers from memory. Dropped when a switch changes — in this process at once
/// (<see cref="PluginSwitchStore.Changed"/>), from other processes and hosts through <see cref="PluginSwitchListener"/>
/// — and after <see cref="MaxAge"/> at the latest, in case a notification was missed.
/// </summary>
public sealed class PluginSwitchCache
{
    /// <summary>Longest time a read is trusted without a change notice.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly PluginSwitchStore _store;
    private readonly TimeProvider _time;
    private Snapshot? _snapshot;
    private long _generation;

    /// <summary>A cache over <paramref name="store"/>, dropped on its changes.</summary>
    public PluginSwitchCache(PluginSwitchStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
        store.Changed += _ => Invalidate();
    }

    /// <summary>How many times the switches were read from the database (tests, diagnostics).</summary>
    public long Loads => Interlocked.Read(ref _loads);

    private long _loads;

    /// <summary>The switch of (academy, plugin): true/false when set at run time, null when the configuration decides.</summary>
    public async ValueTask<bool?> GetAsync(string academyId, string pluginId, CancellationToken cancellationToken = default)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null || _time.GetElapsedTime(snapshot.LoadedAt) > MaxAge) snapshot = await LoadAsync(cancellationToken);
        return snapshot.Switches.TryGetValue((academyId, pluginId), out var enabled) ? enabled : null;
    }

    /// <summary>Forgets what was read: the next check reads the database.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _snapshot, null);
    }

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var generation = Interlocked.Read(ref _generation);
        var rows = await _store.ListAsync(null, cancellationToken);
        Interlocked.Increment(ref _loads);
        var snapshot = new Snapshot(
            rows.ToDictionary(r => (r.AcademyId, r.PluginId), r => r.Enabled, AcademyPluginComparer.Instance), _time.GetTimestamp());
        // A change noticed while reading may not be in what was read: keep it for this answer only.
        if (Interlocked.Read(ref _generation) == generation) Volatile.Write(ref _snapshot, snapshot);
        return snapshot;
    }

    private sealed record Snapshot(Dictionary<(string, string), bool> Switches, long LoadedAt);

    private sealed class AcademyPluginComparer : IEqualityComparer<(string, string)>
    {
        public static readonly AcademyPluginComparer Instance = new();

        public bool Equals((string, string) x, (string, string) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Item1, y.Item1) && StringComparer.OrdinalIgnoreCase.Equals(x.Item2, y.Item2);

        public int GetHashCode((string, string) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item1), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item2));
    }
}
