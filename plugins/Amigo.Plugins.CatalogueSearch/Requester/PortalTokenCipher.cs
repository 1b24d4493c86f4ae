namespace Amigo.Plugins.CatalogueSearch.Requester;

/// <summary>Which of iTop's <c>SimpleCrypt</c> engines the academy's iTop uses (its <c>encryption_library</c> setting).</summary>
public enum PortalEncryptionLibrary
{
    /// <summary><c>Sodium</c>, iTop's default on PHP 7.2+: libsodium <c>crypto_secretbox</c> (XSalsa20-Poly1305).</summary>
    Sodium,

    /// <summary><c>OpenSSL</c>: AES-256-CBC with a random IV.</summary>
    OpenSSL,
}

/// <summary>
/// iTop's <c>SimpleCrypt</c> as the portal uses it for its <c>ar_token</c> (<c>ContextManipulatorHelper::EncodeRulesToken</c>):
/// <list type="bullet">
/// <item>Sodium: <c>base64( nonce(24) || crypto_secretbox(text, nonce, key) )</c> (<c>SimpleCryptSodiumEngine</c>);</item>
/// <item>OpenSSL: <c>iv(16) || base64( AES-256-CBC(text, key, iv) )</c> (<c>SimpleCryptOpenSSLEngine</c>);</item>
/// </list>
/// then the portal wraps it in base64url without padding. The key is the 32 bytes whose hex is iTop's
/// <c>portal-priv-key</c>. Secretbox is built from BouncyCastle's managed XSalsa20 and Poly1305 (no native library in
/// the plugin folder), exactly as libsodium composes them; tests check it against tokens made by PHP's sodium.
/// </summary>
public sealed class PortalTokenCipher
{
    private const int NonceLength = 24;
    private const int TagLength = 16;
    private const int IvLength = 16;
    private readonly byte[] _key;
    private readonly PortalEncryptionLibrary _library;

    /// <summary>A cipher for the 64-hex-digit key <paramref name="hexKey"/>.</summary>
    public PortalTokenCipher(string hexKey, PortalEncryptionLibrary library)
    {
        if (!IsWellFormedKey(hexKey))
            throw new ArgumentException("The portal key must be 64 hexadecimal digits (iTop's portal-priv-key).", nameof(hexKey));
        _key = Convert.FromHexString(hexKey.Trim());
        _library = library;
    }

    /// <summary>Whether <paramref name="hexKey"/> looks like iTop's <c>portal-priv-key</c>: 32 bytes as 64 hex digits.</summary>
    public static bool IsWellFormedKey(string? hexKey) =>
        hexKey is not null && hexKey.Trim() is { Length: 64 } trimmed && trimmed.All(Uri.IsHexDigit);

    /// <summary>The token the portal accepts as <c>ar_token</c> for <paramref name="plainText"/> (JSON).</summary>
    public string Encrypt(string plainText)
    {
        var message = Encoding.UTF8.GetBytes(plainText);
        var crypt = _library == PortalEncryptionLibrary.Sodium ? SodiumEncrypt(message) : OpenSslEncrypt(message);
        return Base64Url(crypt);
    }

    /// <summary>Opens a token (made by iTop or by <see cref="Encrypt"/>); null when it does not authenticate or decode. Only tests open tokens.</summary>
    internal string? Decrypt(string token)
    {
        try
        {
            var crypt = FromBase64Url(token);
            var plain = _library == PortalEncryptionLibrary.Sodium ? SodiumDecrypt(crypt) : OpenSslDecrypt(crypt);
            return plain is null ? null : Encoding.UTF8.GetString(plain);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private byte[] SodiumEncrypt(byte[] message)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        var boxed = SecretBox(message, nonce);
        // PHP: base64_encode($nonce . $encrypted_string)
        return Encoding.ASCII.GetBytes(Convert.ToBase64String([.. nonce, .. boxed]));
    }

    private byte[]? SodiumDecrypt(byte[] crypt)
    {
        var raw = Convert.FromBase64String(Encoding.ASCII.GetString(crypt));
        if (raw.Length < NonceLength + TagLength) return null;
        return SecretBoxOpen(raw[NonceLength..], raw[..NonceLength]);
    }

    /// <summary>libsodium's <c>crypto_secretbox_easy</c>: tag(16) || XSalsa20 ciphertext, the Poly1305 key being the stream's first 32 bytes.</summary>
    private byte[] SecretBox(byte[] message, byte[] nonce)
    {
        var stream = XSalsa20(nonce, new byte[32 + message.Length], message);
        var cipherText = stream[32..];
        var tag = Poly1305Tag(stream[..32], cipherText);
        return [.. tag, .. cipherText];
    }

    private byte[]? SecretBoxOpen(byte[] boxed, byte[] nonce)
    {
        var tag = boxed[..TagLength];
        var cipherText = boxed[TagLength..];
        var polyKey = XSalsa20(nonce, new byte[32], []);
        if (!CryptographicOperations.FixedTimeEquals(tag, Poly1305Tag(polyKey, cipherText))) return null;
        return XSalsa20(nonce, new byte[32 + cipherText.Length], cipherText)[32..];
    }

    /// <summary>XSalsa20 of (32 zero bytes || <paramref name="payload"/>) into <paramref name="output"/>.</summary>
    private byte[] XSalsa20(byte[] nonce, byte[] output, byte[] payload)
    {
        var engine = new XSalsa20Engine();
        engine.Init(true, new ParametersWithIV(new KeyParameter(_key), nonce));
        byte[] input = [.. new byte[32], .. payload];
        engine.ProcessBytes(input, 0, output.Length, output, 0);
        return output;
    }

    private static byte[] Poly1305Tag(byte[] key, byte[] data)
    {
        var mac = new Poly1305();
        mac.Init(new KeyParameter(key));
        mac.BlockUpdate(data, 0, data.Length);
        var tag = new byte[TagLength];
        mac.DoFinal(tag, 0);
        return tag;
    }

    private byte[] OpenSslEncrypt(byte[] message)
    {
        using var aes = Aes.Create();
        aes.Key = _key;
        var iv = RandomNumberGenerator.GetBytes(IvLength);
        var cipherText = aes.EncryptCbc(message, iv, PaddingMode.PKCS7);
        // PHP: $iv . openssl_encrypt(…, options 0), which returns base64 text.
        return [.. iv, .. Encoding.ASCII.GetBytes(Convert.ToBase64String(cipherText))];
    }

    private byte[] OpenSslDecrypt(byte[] crypt)
    {
        if (crypt.Length <= IvLength) throw new FormatException("token too short");
        using var aes = Aes.Create();
        aes.Key = _key;
        var cipherText = Convert.FromBase64String(Encoding.ASCII.GetString(crypt[IvLength..]));
        return aes.DecryptCbc(cipherText, crypt[..IvLength], PaddingMode.PKCS7);
    }

    private static string Base64Url(byte[] data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(standard.PadRight(standard.Length + (4 - standard.Length % 4) % 4, '='));
    }
}

/// <summary>How the portal opens the creation form of a subcategory (what its services brick links to).</summary>
public enum PortalFormRoute
{
    /// <summary><c>object/create-from-factory/ServiceSubcategory/{id}/{base64 of \Ticket::CreateFromServiceSubcategory}</c> (stock ITIL portal).</summary>
    Factory,

    /// <summary><c>object/create/UserRequest</c>.</summary>
    UserRequest,
}
