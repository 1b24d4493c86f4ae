namespace Amigo.Connector.Host.Configuration;

/// <summary>
/// Creates the academies' iTop clients inside the container, with the host's logging, so their retry and "outcome
/// unknown" warnings reach the host's log. <see cref="Academies.AcademyRegistry"/> makes one per academy;
/// <c>amigo check</c> makes its own, without retries.
/// </summary>
public sealed class ITopClientFactory(ILogger<ITopClient> logger)
{
    /// <summary>A client for <paramref name="options"/> logging through the host.</summary>
    public ITopClient Create(ITopClientOptions options) => new(options, logger: logger);
}
