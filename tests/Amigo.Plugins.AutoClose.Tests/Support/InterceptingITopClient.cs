using Amigo.Connector.ITop;
using Newtonsoft.Json.Linq;

namespace Amigo.Plugins.AutoClose.Tests.Support;

/// <summary>
/// Passes every call to the real client, and lets a test change the simulated iTop at a precise moment:
/// just before the single-ticket read that precedes a write, or just before a stimulus.
/// </summary>
internal sealed class InterceptingITopClient(IITopClient inner) : IITopClient
{
    /// <summary>Called with the ticket id before each <c>core/get</c> of one id (the re-read before closing).</summary>
    public Action<long>? BeforeSingleRead { get; set; }

    /// <summary>Called with the ticket id before each <c>core/apply_stimulus</c>.</summary>
    public Action<long>? BeforeStimulus { get; set; }

    public string InstanceName => inner.InstanceName;
    public ITopTimeZone TimeZone => inner.TimeZone;

    public Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Key.ToJson() is JValue { Type: JTokenType.Integer } id) BeforeSingleRead?.Invoke((long)id);
        return inner.GetAsync(request, cancellationToken);
    }

    public Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default)
    {
        if (stimulus.Key.ToJson() is JValue { Type: JTokenType.Integer } id) BeforeStimulus?.Invoke((long)id);
        return inner.ApplyStimulusAsync(stimulus, cancellationToken);
    }

    public Task<IReadOnlyList<ITopOperation>> ListOperationsAsync(CancellationToken cancellationToken = default) => inner.ListOperationsAsync(cancellationToken);
    public Task<bool> CheckCredentialsAsync(string user, string password, CancellationToken cancellationToken = default) => inner.CheckCredentialsAsync(user, password, cancellationToken);
    public IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => inner.StreamAsync(request, cancellationToken);
    public Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default) => inner.CreateAsync(write, cancellationToken);
    public Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default) => inner.UpdateAsync(write, cancellationToken);
    public Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(className, key, comment, simulate, cancellationToken);
    public Task<ITopGetResult> GetRelatedAsync(ITopRelatedRequest request, CancellationToken cancellationToken = default) => inner.GetRelatedAsync(request, cancellationToken);
}
