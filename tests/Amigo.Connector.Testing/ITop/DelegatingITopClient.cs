namespace Amigo.Connector.Testing.ITop;

/// <summary>
/// An <see cref="IITopClient"/> that passes every call to <see cref="Inner"/>: the base of the test doubles that change
/// one call (a fault after a create, a hook before a stimulus, a reshaped read). Override only what the test needs.
/// Pages come from the interface's default made from <see cref="StreamAsync"/>, so a double that changes the stream
/// changes the pages too.
/// </summary>
/// <param name="inner">The client calls are passed to.</param>
public class DelegatingITopClient(IITopClient inner) : IITopClient
{
    /// <summary>The client calls are passed to.</summary>
    protected IITopClient Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public virtual string InstanceName => Inner.InstanceName;

    /// <inheritdoc />
    public virtual ITopTimeZone TimeZone => Inner.TimeZone;

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<ITopOperation>> ListOperationsAsync(CancellationToken cancellationToken = default) =>
        Inner.ListOperationsAsync(cancellationToken);

    /// <inheritdoc />
    public virtual Task<bool> CheckCredentialsAsync(string user, string password, CancellationToken cancellationToken = default) =>
        Inner.CheckCredentialsAsync(user, password, cancellationToken);

    /// <inheritdoc />
    public virtual Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default) =>
        Inner.GetAsync(request, cancellationToken);

    /// <inheritdoc />
    public virtual IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, CancellationToken cancellationToken = default) =>
        Inner.StreamAsync(request, cancellationToken);

    /// <inheritdoc />
    public virtual Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default) =>
        Inner.CreateAsync(write, cancellationToken);

    /// <inheritdoc />
    public virtual Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default) =>
        Inner.UpdateAsync(write, cancellationToken);

    /// <inheritdoc />
    public virtual Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default) =>
        Inner.ApplyStimulusAsync(stimulus, cancellationToken);

    /// <inheritdoc />
    public virtual Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default) =>
        Inner.DeleteAsync(className, key, comment, simulate, cancellationToken);

    /// <inheritdoc />
    public virtual Task<ITopGetResult> GetRelatedAsync(ITopRelatedRequest request, CancellationToken cancellationToken = default) =>
        Inner.GetRelatedAsync(request, cancellationToken);
}
