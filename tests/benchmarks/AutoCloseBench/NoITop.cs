namespace AutoCloseBench;

/// <summary>The benchmark measures decisions from the database only: iTop is never called.</summary>
internal sealed class NoITop(TimeZoneInfo zone) : IITopClient
{
    public string InstanceName => "bench";
    public ITopTimeZone TimeZone { get; } = new(zone);
    public Task<IReadOnlyList<ITopOperation>> ListOperationsAsync(CancellationToken cancellationToken = default) => throw Never();
    public Task<bool> CheckCredentialsAsync(string user, string password, CancellationToken cancellationToken = default) => throw Never();
    public Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => throw Never();
    public IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => throw Never();
    public Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw Never();
    public Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw Never();
    public Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default) => throw Never();
    public Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default) => throw Never();
    public Task<ITopGetResult> GetRelatedAsync(ITopRelatedRequest request, CancellationToken cancellationToken = default) => throw Never();
    private static InvalidOperationException Never() => new("The benchmark does not call iTop.");
}
