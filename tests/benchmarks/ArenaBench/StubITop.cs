namespace ArenaBench;

/// <summary>
/// A minimal in-memory iTop: one organization, and whatever the bridge creates. The benchmark measures the
/// bridge with a warm cache, so iTop is only asked during warm-up; its speed does not matter.
/// </summary>
internal sealed class StubITop : IITopClient
{
    private readonly ConcurrentDictionary<string, ITopObject> _objects = new();
    private long _nextId = 10;

    public int Calls;

    public string InstanceName => "bench";
    public ITopTimeZone TimeZone { get; } = new(TimeZoneInfo.Utc);

    public Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Calls);
        if (request.ClassName == "Organization")
            return Task.FromResult(new ITopGetResult(1, [new ITopObject("Organization", 1, new Dictionary<string, JToken?> { ["code"] = "AC-BENCH" })]));
        return Task.FromResult(_objects.TryGetValue(request.ClassName, out var found)
            ? new ITopGetResult(1, [found])
            : new ITopGetResult(0, []));
    }

    public Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Calls);
        var fields = write.Fields.ToJson().Properties().ToDictionary(p => p.Name, p => (JToken?)p.Value);
        var created = new ITopObject(write.ClassName, Interlocked.Increment(ref _nextId), fields);
        _objects[write.ClassName] = created;
        return Task.FromResult(created);
    }

    public Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The benchmark identity never changes.");

    public Task<IReadOnlyList<ITopOperation>> ListOperationsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<bool> CheckCredentialsAsync(string user, string password, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public async IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in (await GetAsync(request, cancellationToken)).Objects) yield return item;
    }
    public Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<ITopGetResult> GetRelatedAsync(ITopRelatedRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
