namespace Amigo.Plugins.ArenaSso.Provisioning;

/// <summary>
/// Recent provisioning results, so a busy morning does not ask iTop again for every page. An entry serves only the
/// same identity fingerprint: a person whose establishments or name changed is provisioned again at once.
/// </summary>
public sealed class ProvisioningCache(TimeProvider time)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The cached result for <paramref name="key"/> when still fresh and made for <paramref name="fingerprint"/>.</summary>
    public ProvisioningResult? Find(string key, string fingerprint)
    {
        if (!_entries.TryGetValue(key, out var entry)) return null;
        if (entry.ExpiresAt <= time.GetUtcNow())
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            return null;
        }
        return entry.Fingerprint == fingerprint ? entry.Result : null;
    }

    /// <summary>Remembers <paramref name="result"/> for <paramref name="duration"/>.</summary>
    public void Store(string key, string fingerprint, ProvisioningResult result, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero) return;
        var now = time.GetUtcNow();
        if (_entries.Count >= MaxEntries)
            foreach (var (staleKey, stale) in _entries)
                if (stale.ExpiresAt <= now) _entries.TryRemove(staleKey, out _);
        if (_entries.Count >= MaxEntries) return;
        _entries[key] = new Entry(fingerprint, result with { Changes = [] }, now + duration);
    }

    /// <summary>Forgets everything (tests, configuration reload).</summary>
    public void Clear() => _entries.Clear();

    private sealed record Entry(string Fingerprint, ProvisioningResult Result, DateTimeOffset ExpiresAt);
}
