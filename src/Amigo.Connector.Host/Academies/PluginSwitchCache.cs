namespace Amigo.Connector.Host.Academies;

/// <summary>
/// The run-time plugin switches of every academy, read once and kept: the enabled check (every job, every plugin
/// request, ARENA's included) answers from memory. Dropped when a switch changes — in this process at once
/// (<see cref="PluginSwitchStore.Changed"/>), from other processes and hosts through <see cref="PluginSwitchListener"/>
/// — and after <see cref="MaxAge"/> at the latest, in case a notification was missed. <see cref="Invalidated"/> tells
/// those that act on a change (the plugins' hosted services) when to look again.
/// </summary>
public sealed class PluginSwitchCache
{
    /// <summary>Longest time a read is trusted without a change notice.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly Func<CancellationToken, Task<IReadOnlyList<PluginSwitch>>> _read;
    private readonly TimeProvider _time;
    private readonly Lock _loadLock = new();
    private Snapshot? _snapshot;
    private long _generation;
    private Task<Snapshot>? _loading;
    private long _loadingGeneration;

    /// <summary>A cache over <paramref name="store"/>, dropped on its changes.</summary>
    public PluginSwitchCache(PluginSwitchStore store, TimeProvider time)
        : this(cancellationToken => store.ListAsync(null, cancellationToken), time)
    {
        store.Changed += Invalidate;
    }

    /// <summary>A cache over <paramref name="read"/> (tests: a read that waits for them).</summary>
    internal PluginSwitchCache(Func<CancellationToken, Task<IReadOnlyList<PluginSwitch>>> read, TimeProvider time)
    {
        _read = read;
        _time = time;
    }

    /// <summary>
    /// Raised after the cache was dropped: a switch changed in this process or elsewhere, or notices may have been
    /// missed. Handlers run on the notifier's thread (a switch write, the listener's connection): they must be quick
    /// and must not throw; re-read through the enabled check, which loads the new switches.
    /// </summary>
    public event Action? Invalidated;

    /// <summary>How many times the switches were read from the database (tests, diagnostics).</summary>
    public long Loads => Interlocked.Read(ref _loads);

    private long _loads;

    /// <summary>The switch of (academy, plugin): true/false when set at run time, null when the configuration decides.</summary>
    public async ValueTask<bool?> GetAsync(string academyId, string pluginId, CancellationToken cancellationToken = default)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        // A snapshot read before the last drop is a miss, whenever it was stored.
        if (snapshot is null || snapshot.Generation != Interlocked.Read(ref _generation) || _time.GetElapsedTime(snapshot.LoadedAt) > MaxAge)
            snapshot = await LoadAsync(cancellationToken);
        return snapshot.Switches.TryGetValue((academyId, pluginId), out var enabled) ? enabled : null;
    }

    /// <summary>Forgets what was read: the next check reads the database.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Invalidated?.Invoke();
    }

    /// <summary>
    /// Misses at the same time share one read (after a change, the plugins' hosted services and the requests under way
    /// all look again at once). The read is shared, so no single caller's cancellation stops it: each stops waiting.
    /// </summary>
    private Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        Task<Snapshot> load;
        lock (_loadLock)
        {
            var generation = Interlocked.Read(ref _generation);
            if (_loading is not { IsCompleted: false } || _loadingGeneration != generation)
            {
                _loadingGeneration = generation;
                _loading = Task.Run(() => ReadAsync(generation), CancellationToken.None);
            }
            load = _loading;
        }
        return load.WaitAsync(cancellationToken);
    }

    private async Task<Snapshot> ReadAsync(long generation)
    {
        var rows = await _read(CancellationToken.None);
        Interlocked.Increment(ref _loads);
        var snapshot = new Snapshot(
            rows.ToDictionary(r => (r.AcademyId, r.PluginId), r => r.Enabled, AcademyPluginComparer.Instance), _time.GetTimestamp(), generation);
        // Stored even when a change was noticed while reading (its generation makes it a miss then), never over a newer one.
        var current = Volatile.Read(ref _snapshot);
        while (current is null || current.Generation <= generation)
        {
            var seen = Interlocked.CompareExchange(ref _snapshot, snapshot, current);
            if (ReferenceEquals(seen, current)) break;
            current = seen;
        }
        return snapshot;
    }

    /// <summary>What was read, when (host clock timestamp), and the generation it was read in.</summary>
    private sealed record Snapshot(Dictionary<(string, string), bool> Switches, long LoadedAt, long Generation);

    private sealed class AcademyPluginComparer : IEqualityComparer<(string, string)>
    {
        public static readonly AcademyPluginComparer Instance = new();

        public bool Equals((string, string) x, (string, string) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Item1, y.Item1) && StringComparer.OrdinalIgnoreCase.Equals(x.Item2, y.Item2);

        public int GetHashCode((string, string) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item1), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item2));
    }
}
