namespace Amigo.Connector.Contracts.Plugins;

/// <summary>
/// How the host describes the caller of an <c>/api</c> endpoint: it sets <c>HttpContext.User</c> to a principal named
/// after the API key, with the role <see cref="AdminRole"/> for admin keys and the claim <see cref="AcademyClaim"/> for
/// academy-scoped keys.
/// </summary>
public static class ConnectorCaller
{
    /// <summary>Authentication type of the principal built from an API key.</summary>
    public const string AuthenticationType = "AmigoApiKey";

    /// <summary>Role of callers holding an admin key (they see every academy).</summary>
    public const string AdminRole = "amigo-admin";

    /// <summary>Claim naming the only academy an academy-scoped key may see.</summary>
    public const string AcademyClaim = "amigo:academy";
}
