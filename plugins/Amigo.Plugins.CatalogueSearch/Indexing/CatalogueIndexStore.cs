namespace Amigo.Plugins.CatalogueSearch.Indexing;

/// <summary>What a refresh did.</summary>
/// <param name="Entries">Subcategories in the index.</param>
/// <param name="Reanalyzed">Rows loaded and analysed (new or changed).</param>
/// <param name="Reused">Rows whose analysis was kept from the previous index.</param>
/// <param name="Removed">Rows gone since the previous index.</param>
/// <param name="IndexRebuilt">Whether a new text index was built.</param>
/// <param name="ScopeReloaded">Whether offers and organizations were reloaded.</param>
/// <param name="Elapsed">Time taken.</param>
public sealed record CatalogueRefreshReport(int Entries, int Reanalyzed, int Reused, int Removed, bool IndexRebuilt, bool ScopeReloaded, TimeSpan Elapsed);

/// <summary>
/// Keeps one <see cref="AcademyCatalogue"/> per academy and refreshes it incrementally: a cheap fingerprint query
/// first; when the catalogue changed, only new or changed rows (by <c>synced_at</c>) are loaded and analysed again,
/// the others keep their analysis; offers and organizations are reloaded only when their checksum changed; usage
/// counts are reloaded each time. Searches never wait for a refresh except the very first one.
/// </summary>
public sealed class CatalogueIndexStore(ICatalogueSource source, TimeProvider time, ILogger<CatalogueIndexStore> logger)
{
    private readonly ConcurrentDictionary<string, AcademyState> _states = new(StringComparer.Ordinal);

    /// <summary>The academy's current snapshot; built on first use, refreshed in the background when older than the refresh interval.</summary>
    public async ValueTask<AcademyCatalogue> GetAsync(string academyId, CatalogueSearchProfile profile, CancellationToken cancellationToken)
    {
        var state = _states.GetOrAdd(academyId, _ => new AcademyState());
        var current = state.Current;
        if (current is null || current.AnalyzerSignature != profile.AnalyzerSignature)
        {
            await RefreshAsync(academyId, profile, cancellationToken);
            return state.Current!;
        }
        if (time.GetUtcNow() - state.CheckedAt >= profile.Settings.RefreshInterval && state.Gate.CurrentCount > 0)
        {
            _ = RefreshInBackgroundAsync(academyId, profile);
        }
        return current;
    }

    /// <summary>The current snapshot without loading anything, or null.</summary>
    public AcademyCatalogue? Peek(string academyId) => _states.TryGetValue(academyId, out var state) ? state.Current : null;

    /// <summary>Brings the academy's snapshot up to date now (scheduled job, CLI).</summary>
    public async Task<CatalogueRefreshReport> RefreshAsync(string academyId, CatalogueSearchProfile profile, CancellationToken cancellationToken)
    {
        var state = _states.GetOrAdd(academyId, _ => new AcademyState());
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            return await RefreshLockedAsync(academyId, state, profile, cancellationToken);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private async Task RefreshInBackgroundAsync(string academyId, CatalogueSearchProfile profile)
    {
        try
        {
            var report = await RefreshAsync(academyId, profile, CancellationToken.None);
            if (report.IndexRebuilt || report.ScopeReloaded)
            {
                logger.LogInformation(
                    "Catalogue index of {Academy} refreshed: {Entries} entries, {Reanalyzed} re-analysed, {Removed} removed, scope reloaded: {Scope}, in {Elapsed} ms",
                    academyId, report.Entries, report.Reanalyzed, report.Removed, report.ScopeReloaded, report.Elapsed.TotalMilliseconds);
            }
        }
        catch (Exception exception)
        {
            // The previous snapshot keeps serving; the next search past the interval tries again.
            logger.LogWarning(exception, "Background refresh of the catalogue index of {Academy} failed", academyId);
        }
    }

    private async Task<CatalogueRefreshReport> RefreshLockedAsync(string academyId, AcademyState state, CatalogueSearchProfile profile, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var previous = state.Current;
        var settings = profile.Settings;
        var sameAnalyzer = previous is not null && previous.AnalyzerSignature == profile.AnalyzerSignature;
        var fingerprint = await source.GetFingerprintAsync(academyId, cancellationToken);
        DateTimeOffset? usageSince = settings.UsageWindowDays > 0 ? time.GetUtcNow().AddDays(-settings.UsageWindowDays) : null;
        var usage = await source.GetUsageAsync(academyId, usageSince, cancellationToken);

        CatalogueIndex index;
        int reanalyzed = 0, reused, removed = 0;
        var indexRebuilt = !(sameAnalyzer && fingerprint.SameEntries(previous!.Fingerprint));
        if (!indexRebuilt)
        {
            index = previous!.Index;
            reused = index.Count;
        }
        else
        {
            var versions = await source.GetEntryVersionsAsync(academyId, cancellationToken);
            var reusable = sameAnalyzer ? previous!.Index.Entries.ToDictionary(entry => entry.Row.SubcategoryId) : [];
            var entries = new List<AnalyzedEntry>(versions.Count);
            var toLoad = new List<long>();
            foreach (var (id, version) in versions)
            {
                if (reusable.TryGetValue(id, out var entry) && entry.Row.SyncedAt == version)
                {
                    entries.Add(entry);
                }
                else
                {
                    toLoad.Add(id);
                }
            }
            reused = entries.Count;
            removed = reusable.Keys.Count(id => !versions.ContainsKey(id));
            var rows = await source.GetEntriesAsync(academyId, toLoad, cancellationToken);
            entries.AddRange(rows.Select(row => AnalyzedEntry.Create(row, profile.Analyzer)));
            reanalyzed = rows.Count;
            index = CatalogueIndexBuilder.Build(entries);
        }

        var scopeReloaded = !(previous is not null && fingerprint.SameScope(previous.Fingerprint) && previous.Scope.InheritParentOffers == settings.InheritParentOffers);
        var scope = scopeReloaded
            ? new CatalogueScope(
                await source.GetOffersAsync(academyId, cancellationToken),
                await source.GetOrganizationsAsync(academyId, cancellationToken),
                settings.InheritParentOffers)
            : previous!.Scope;

        state.Current = new AcademyCatalogue(academyId, index, scope, usage, fingerprint, profile.AnalyzerSignature, time.GetUtcNow());
        state.CheckedAt = time.GetUtcNow();
        return new CatalogueRefreshReport(index.Count, reanalyzed, reused, removed, indexRebuilt, scopeReloaded, Stopwatch.GetElapsedTime(started));
    }

    private sealed class AcademyState
    {
        private AcademyCatalogue? _current;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public AcademyCatalogue? Current
        {
            get => Volatile.Read(ref _current);
            set => Volatile.Write(ref _current, value);
        }

        public DateTimeOffset CheckedAt { get; set; }
    }
}
