namespace Amigo.Plugins.ArenaSso.Handoff;

/// <summary>
/// Ties each iTop cookie a browser holds to the ARENA identity it was created for. iTop reads the external-login header
/// only while its session has no user yet; afterwards its session cookie alone decides who the user is. So the bridge
/// sets, next to every iTop cookie, its own cookie <c>amigo-arena-{name}</c> = HMAC(academy, login, cookie name, cookie
/// value), keyed from the academy's shared secret (every bridge host of the academy agrees), and forwards an iTop cookie
/// only when that binding matches the identity of the request. Otherwise the cookie is withheld, iTop starts a new
/// session from the header, and the new cookie is bound to the new identity.
/// </summary>
internal sealed class SessionBinding
{
    /// <summary>Prefix of the bridge's binding cookies.</summary>
    public const string CookiePrefix = "amigo-arena-";

    private const string Purpose = "amigo arena: iTop session binding v1";
    private readonly byte[] _key;

    /// <summary>Derives the binding key of an academy from its shared secret (the secret itself never signs anything else).</summary>
    public SessionBinding(string sharedSecret) =>
        _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(sharedSecret), Encoding.UTF8.GetBytes(Purpose));

    /// <summary>The binding cookie's name for the iTop cookie <paramref name="itopCookie"/>.</summary>
    public static string CookieName(string itopCookie) => CookiePrefix + itopCookie;

    /// <summary>The binding of <paramref name="itopCookie"/> = <paramref name="value"/> to <paramref name="login"/> in <paramref name="academy"/>.</summary>
    public string Sign(string academy, string login, string itopCookie, string value)
    {
        // Unit separators: no field can contain them, so no two different tuples hash the same text.
        var text = string.Join('\u001f', academy, login, itopCookie, value);
        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Whether <paramref name="binding"/> binds that cookie value to that login (constant-time comparison).</summary>
    public bool Verify(string academy, string login, string itopCookie, string value, string? binding)
    {
        if (string.IsNullOrEmpty(binding)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(academy, login, itopCookie, value));
        var given = Encoding.ASCII.GetBytes(binding);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
