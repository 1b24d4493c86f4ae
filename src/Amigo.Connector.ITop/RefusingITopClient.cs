namespace Amigo.Connector.ITop;

/// <summary>
/// An iTop that must not be reached: it knows its name and time zone and refuses every call with
/// <paramref name="reason"/>. The host's validated configuration holds one per academy (the container creates the
/// connected clients); tests and benchmarks that decide without iTop use it too.
/// </summary>
/// <param name="instanceName">The instance (academy id).</param>
/// <param name="zone">The instance's time zone.</param>
/// <param name="reason">The <see cref="InvalidOperationException"/> message every call throws: say where to go instead.</param>
public sealed class RefusingITopClient(string instanceName, TimeZoneInfo zone, string reason) : IITopClient
{
    /// <inheritdoc />
    public string InstanceName => instanceName;

    /// <inheritdoc />
    public ITopTimeZone TimeZone { get; } = new(zone);

    /// <inheritdoc />
    public Task<IReadOnlyList<ITopOperation>> ListOperationsAsync(CancellationToken cancellationToken = default) => throw Refused();

    /// <inheritdoc />
    public Task<bool> CheckCredentialsAsync(string user, string password, CancellationToken cancellationToken = default) => throw Refused();

    /// <inheritdoc />
    public Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => throw Refused();

    /// <inheritdoc />
    public IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => throw Refused();

    /// <inheritdoc />
    public Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw Refused();

    /// <inheritdoc />
    public Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw Refused();

    /// <inheritdoc />
    public Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default) => throw Refused();

    /// <inheritdoc />
    public Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default) =>
        throw Refused();

    /// <inheritdoc />
    public Task<ITopGetResult> GetRelatedAsync(ITopRelatedRequest request, CancellationToken cancellationToken = default) => throw Refused();

    private InvalidOperationException Refused() => new($"iTop '{instanceName}': {reason}");
}
