namespace Amigo.Plugins.ArenaSso.Provisioning;

/// <summary>
/// Provisions ARENA identities in an academy's iTop, once: a fresh cached result answers at once; otherwise the
/// identity's in-process lock, then its cluster-wide lock, then a second cache look (another caller may have just
/// finished), then iTop is read and written as needed.
/// </summary>
public sealed class ArenaProvisioner(
    ProvisioningCache cache,
    IdentityLocks locks,
    IClusterIdentityLock clusterLock,
    IAuditLog audit,
    ILogger<ArenaProvisioner> logger)
{
    /// <summary>The iTop state of <paramref name="identity"/> in <paramref name="academy"/>, provisioning it when needed.</summary>
    public async Task<ProvisioningResult> ProvisionAsync(
        AcademyContext academy, ArenaSsoSettings settings, ArenaIdentity identity, CancellationToken cancellationToken)
    {
        var key = CacheKey(academy, identity);
        var fingerprint = identity.Fingerprint;
        if (cache.Find(key, fingerprint) is { } cached) return cached;

        using (await locks.AcquireAsync(key, cancellationToken))
        {
            if (cache.Find(key, fingerprint) is { } justProvisioned) return justProvisioned;
            await using (await clusterLock.AcquireAsync(key, cancellationToken))
            {
                ProvisioningResult result;
                try
                {
                    result = await new ITopAccountWriter(academy, settings, audit).ProvisionAsync(identity, cancellationToken);
                }
                catch (Exception exception) when (exception is ITopException or ITopTransportException or ITopFormatException)
                {
                    throw new ProvisioningException($"iTop '{academy.Id}' could not be read for '{identity.Login}': {exception.Message}", exception);
                }
                if (result.Changes.Count > 0)
                    logger.LogInformation("ARENA login {Login} provisioned in {Academy}: {Changes} (Person {PersonId}, UserExternal {UserId})",
                        identity.Login, academy.Id, string.Join(", ", result.Changes), result.PersonId, result.UserId);
                cache.Store(key, fingerprint, result, settings.CacheDuration);
                return result;
            }
        }
    }

    /// <summary>The cached result of <paramref name="identity"/>, if fresh; never calls iTop.</summary>
    public ProvisioningResult? Peek(AcademyContext academy, ArenaIdentity identity) =>
        cache.Find(CacheKey(academy, identity), identity.Fingerprint);

    private static string CacheKey(AcademyContext academy, ArenaIdentity identity) =>
        academy.Id + "\u001f" + identity.Login.ToLowerInvariant();
}
