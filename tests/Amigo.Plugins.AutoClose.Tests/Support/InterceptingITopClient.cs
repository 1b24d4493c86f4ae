namespace Amigo.Plugins.AutoClose.Tests.Support;

/// <summary>
/// Passes every call to the real client, and lets a test change the simulated iTop at a precise moment:
/// just before the single-ticket read that precedes a write, or just before a stimulus.
/// </summary>
internal sealed class InterceptingITopClient(IITopClient inner) : DelegatingITopClient(inner)
{
    /// <summary>Called with the ticket id before each <c>core/get</c> of one id (the re-read before closing).</summary>
    public Action<long>? BeforeSingleRead { get; set; }

    /// <summary>Called with the ticket id before each <c>core/apply_stimulus</c>.</summary>
    public Action<long>? BeforeStimulus { get; set; }

    public override Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Key.ToJson() is JValue { Type: JTokenType.Integer } id) BeforeSingleRead?.Invoke((long)id);
        return Inner.GetAsync(request, cancellationToken);
    }

    public override Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default)
    {
        if (stimulus.Key.ToJson() is JValue { Type: JTokenType.Integer } id) BeforeStimulus?.Invoke((long)id);
        return Inner.ApplyStimulusAsync(stimulus, cancellationToken);
    }
}
