using Amigo.Connector.ITop;

namespace Amigo.Plugins.AutoClose.Tests.Support;

/// <summary>An iTop that must not be called (pure decision and settings tests).</summary>
internal sealed class UnusedITopClient : IITopClient
{
    public string InstanceName => "unused";
    public ITopTimeZone TimeZone { get; } = new(TestAcademies.Paris);
    public Task<IReadOnlyList<ITopOperation>> ListOperationsAsync(CancellationToken cancellationToken = default) => throw Unexpected();
    public Task<bool> CheckCredentialsAsync(string user, string password, CancellationToken cancellationToken = default) => throw Unexpected();
    public Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => throw Unexpected();
    public IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => throw Unexpected();
    public Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw Unexpected();
    public Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw Unexpected();
    public Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default) => throw Unexpected();
    public Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default) => throw Unexpected();
    public Task<ITopGetResult> GetRelatedAsync(ITopRelatedRequest request, CancellationToken cancellationToken = default) => throw Unexpected();
    private static InvalidOperationException Unexpected() => new("This test must not call iTop.");
}
