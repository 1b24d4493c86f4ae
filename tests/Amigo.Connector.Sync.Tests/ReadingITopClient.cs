namespace Amigo.Connector.Sync.Tests;

/// <summary>
/// Base of the test clients that change what the sync reads from another client: reads are passed on, writes refused
/// (the sync never writes to iTop). Subclasses override <see cref="StreamAsync"/>; pages then come from the interface's
/// default, made from the objects it yields.
/// </summary>
internal abstract class ReadingITopClient(IITopClient inner) : DelegatingITopClient(inner)
{
    public abstract override IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, CancellationToken cancellationToken = default);

    public override Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw NeverWrites();

    public override Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default) => throw NeverWrites();

    public override Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default) => throw NeverWrites();

    public override Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default) =>
        throw NeverWrites();

    private static NotSupportedException NeverWrites() => new("The sync never writes to iTop.");
}
