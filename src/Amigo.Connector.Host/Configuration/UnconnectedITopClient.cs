namespace Amigo.Connector.Host.Configuration;

/// <summary>
/// The iTop of an academy as the validated configuration holds it, before the container exists: it knows its name and
/// time zone and refuses every call. The academies' clients are created by the container (<see cref="ITopClientFactory"/>,
/// with the host's logging); code that reaches iTop takes the academy from <c>IAcademyRegistry</c>.
/// </summary>
internal sealed class UnconnectedITopClient(string instanceName, TimeZoneInfo zone) : IITopClient
{
    public string InstanceName => instanceName;

    public ITopTimeZone TimeZone { get; } = new(zone);

    public Task<IReadOnlyList<ITopOperation>> ListOperationsAsync(CancellationToken cancellationToken = default) => throw Refused();

    public Task<bool> CheckCredentialsAsync(string user, string password, CancellationToken cancellationToken = default) => throw Refused();

    public Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => throw Refused();

    public IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => throw Refused();

    public Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw Refused();

    public Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw Refused();

    public Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default) => throw Refused();

    public Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default) =>
        throw Refused();

    public Task<ITopGetResult> GetRelatedAsync(ITopRelatedRequest request, CancellationToken cancellationToken = default) => throw Refused();

    private InvalidOperationException Refused() => new(
        $"Academy '{instanceName}': this is the configuration's view of the academy, without an iTop connection; take the academy from IAcademyRegistry to reach iTop.");
}
