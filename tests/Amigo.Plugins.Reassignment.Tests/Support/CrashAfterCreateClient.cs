namespace Amigo.Plugins.Reassignment.Tests.Support;

/// <summary>The host "dies" right after a create reached iTop: the create is applied, then the caller never hears back.</summary>
public sealed class HostDiedException() : Exception("Simulated host crash after core/create.");

/// <summary>An <see cref="IITopClient"/> decorator that throws <see cref="HostDiedException"/> after the next creates succeed.</summary>
public sealed class CrashAfterCreateClient(IITopClient inner, int crashes = 1) : DelegatingITopClient(inner)
{
    private int _crashesLeft = crashes;

    /// <inheritdoc />
    public override async Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default)
    {
        var created = await Inner.CreateAsync(write, cancellationToken);
        if (Interlocked.Decrement(ref _crashesLeft) >= 0) throw new HostDiedException();
        return created;
    }
}

/// <summary>Runs <paramref name="beforeCreate"/> (e.g. arms a fault in the simulation) just before each create.</summary>
public sealed class BeforeCreateClient(IITopClient inner, Action beforeCreate) : DelegatingITopClient(inner)
{
    /// <inheritdoc />
    public override Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default)
    {
        beforeCreate();
        return Inner.CreateAsync(write, cancellationToken);
    }
}
