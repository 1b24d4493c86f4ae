namespace Amigo.Plugins.ArenaSso.Trust;

/// <summary>
/// Decides whether a request really comes through ARENA's proxy: from a configured proxy address, carrying the
/// shared secret and the proxy's session cookie. Identity headers are worthless without all three: anyone who
/// reaches the bridge directly can write them.
/// </summary>
public sealed class ProxyTrust
{
    private readonly IReadOnlyList<IPNetwork> _networks;
    private readonly byte[] _secretHash;
    private readonly string _secretHeader;
    private readonly string _sessionCookie;

    /// <summary>Compiles the trust rules of one academy.</summary>
    public ProxyTrust(ArenaSsoSettings settings)
    {
        _networks = settings.TrustedProxies.Select(n => IPNetwork.Parse(n)).ToList();
        _secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(settings.ResolveSharedSecret()));
        _secretHeader = settings.SharedSecretHeader;
        _sessionCookie = settings.SessionCookie;
    }

    /// <summary>Null when trusted; otherwise the reason (for logs only, never sent to the caller).</summary>
    public string? Check(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null) return "no remote address";
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        if (!IsTrustedAddress(remote)) return $"address {remote} is not a configured proxy";

        var secrets = context.Request.Headers[_secretHeader];
        if (secrets.Count != 1) return "shared secret missing or repeated";
        // Hashing first gives both sides the same length, so the comparison time says nothing about the secret.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(secrets.ToString()));
        if (!CryptographicOperations.FixedTimeEquals(given, _secretHash)) return "wrong shared secret";

        if (string.IsNullOrEmpty(context.Request.Cookies[_sessionCookie])) return $"proxy session cookie '{_sessionCookie}' missing";
        return null;
    }

    private bool IsTrustedAddress(IPAddress address)
    {
        foreach (var network in _networks)
            if (network.Contains(address)) return true;
        return false;
    }
}
