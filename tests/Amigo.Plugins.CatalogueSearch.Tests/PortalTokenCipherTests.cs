namespace Amigo.Plugins.CatalogueSearch.Tests;

/// <summary>
/// The portal's <c>ar_token</c>: sealed here, opened by iTop's own PHP code (and the other way round), for both of
/// iTop's engines. The PHP below is iTop 3.2.0's <c>SimpleCryptSodiumEngine</c> / <c>SimpleCryptOpenSSLEngine</c> and
/// <c>ContextManipulatorHelper::base64url_*</c>, copied verbatim in substance.
/// </summary>
public sealed class PortalTokenCipherTests
{
    private const string Key = "50afd120ccc25efec1cf001edc15931e7dd72543ca723ac83fdccc8cfcc5c996";

    private const string Php = """
        <?php
        [$self, $mode, $lib, $key, $data] = $argv;
        function base64url_encode($sData) { return rtrim(strtr(base64_encode($sData), '+/', '-_'), '='); }
        function base64url_decode($sData) { return base64_decode(str_pad(strtr($sData, '-_', '+/'), strlen($sData) % 4, '=', STR_PAD_RIGHT)); }
        function sodium_enc($key, $s) { $key = hex2bin($key); $nonce = random_bytes(SODIUM_CRYPTO_SECRETBOX_NONCEBYTES); return base64_encode($nonce . sodium_crypto_secretbox($s, $nonce, $key)); }
        function sodium_dec($key, $e) { $key = hex2bin($key); $e = base64_decode($e); $nonce = mb_substr($e, 0, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES, '8bit');
            $e = mb_substr($e, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES, null, '8bit'); $p = sodium_crypto_secretbox_open($e, $nonce, $key); return $p === false ? 'FAILED' : $p; }
        function openssl_enc($key, $s) { $key = hex2bin($key); $iv = openssl_random_pseudo_bytes(openssl_cipher_iv_length("AES-256-CBC")); return $iv . openssl_encrypt($s, "AES-256-CBC", $key, 0, $iv); }
        function openssl_dec($key, $e) { $key = hex2bin($key); $iv = mb_substr($e, 0, openssl_cipher_iv_length("AES-256-CBC"), '8bit');
            $e = mb_substr($e, openssl_cipher_iv_length("AES-256-CBC"), null, '8bit'); $p = openssl_decrypt($e, "AES-256-CBC", $key, 0, $iv); return $p === false ? 'FAILED' : trim($p); }
        if ($mode === 'encrypt') echo base64url_encode($lib === 'Sodium' ? sodium_enc($key, $data) : openssl_enc($key, $data));
        else echo $lib === 'Sodium' ? sodium_dec($key, base64url_decode($data)) : openssl_dec($key, base64url_decode($data));
        """;

    private static readonly CatalogueRow Row = new()
    {
        SubcategoryId = 3, SubcategoryName = "Accès à l'application", ServiceId = 1, ServiceName = "Webmail académique", FamilyId = 2,
    };

    [PhpFact]
    public async Task A_token_sealed_here_opens_with_iTops_code_and_back_with_Sodium() => await RoundTripAsync(PortalEncryptionLibrary.Sodium);

    [PhpFact]
    public async Task A_token_sealed_here_opens_with_iTops_code_and_back_with_OpenSSL() => await RoundTripAsync(PortalEncryptionLibrary.OpenSSL);

    private static async Task RoundTripAsync(PortalEncryptionLibrary library)
    {
        var cipher = new PortalTokenCipher(Key, library);
        var json = PortalFormLink.TokenJson(Row);
        Assert.Equal(json, await PhpAsync("decrypt", library, cipher.Encrypt(json)));
        var fromPhp = await PhpAsync("encrypt", library, json);
        Assert.Equal(json, cipher.Decrypt(fromPhp));
    }

    [Fact]
    public void The_token_carries_the_services_bricks_rules_and_the_rows_family_service_and_subcategory()
    {
        var json = PortalFormLink.TokenJson(Row);
        Assert.StartsWith("""{"rules":["contact-to-userrequest","servicesubcategory-to-userrequest","go-to-open-request-on-submit"],"sources":{"ServiceFamily":2,"Service":1,"ServiceSubcategory":3},"salt":""", json);
        using var parsed = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(8, Convert.FromBase64String(parsed.RootElement.GetProperty("salt").GetString()!).Length);
        Assert.NotEqual(json, PortalFormLink.TokenJson(Row)); // a fresh salt each time, like the portal's
    }

    [Fact]
    public void A_token_under_another_key_or_tampered_with_does_not_open()
    {
        var token = new PortalTokenCipher(Key, PortalEncryptionLibrary.Sodium).Encrypt("{\"rules\":[]}");
        Assert.Equal("{\"rules\":[]}", new PortalTokenCipher(Key, PortalEncryptionLibrary.Sodium).Decrypt(token));
        Assert.Null(new PortalTokenCipher(new string('a', 64), PortalEncryptionLibrary.Sodium).Decrypt(token));
        Assert.Null(new PortalTokenCipher(Key, PortalEncryptionLibrary.Sodium).Decrypt(Tampered(token)));
    }

    /// <summary>
    /// <paramref name="token"/> with one bit of its ciphertext flipped and both layers (the portal's base64url around the
    /// engine's base64 of nonce‖tag‖ciphertext) encoded again: it decodes, so only the MAC check can refuse it.
    /// </summary>
    private static string Tampered(string token)
    {
        var outer = token.Replace('-', '+').Replace('_', '/');
        var inner = Encoding.ASCII.GetString(Convert.FromBase64String(outer.PadRight(outer.Length + (4 - outer.Length % 4) % 4, '=')));
        var raw = Convert.FromBase64String(inner);
        raw[^1] ^= 0x01;
        var reencoded = Encoding.ASCII.GetBytes(Convert.ToBase64String(raw));
        return Convert.ToBase64String(reencoded).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("50afd120", false)]
    [InlineData("50afd120ccc25efec1cf001edc15931e7dd72543ca723ac83fdccc8cfcc5c99z", false)]
    [InlineData("50afd120ccc25efec1cf001edc15931e7dd72543ca723ac83fdccc8cfcc5c996", true)]
    [InlineData(" 50AFD120CCC25EFEC1CF001EDC15931E7DD72543CA723AC83FDCCC8CFCC5C996\n", true)]
    public void Only_64_hex_digits_make_a_portal_key(string? key, bool valid)
    {
        Assert.Equal(valid, PortalTokenCipher.IsWellFormedKey(key));
        if (!valid) Assert.Throws<ArgumentException>(() => new PortalTokenCipher(key ?? "", PortalEncryptionLibrary.Sodium));
    }

    private static async Task<string> PhpAsync(string mode, PortalEncryptionLibrary library, string data)
    {
        var script = Path.Combine(Path.GetTempPath(), $"amigo-portal-token-{Environment.ProcessId}.php");
        await File.WriteAllTextAsync(script, Php);
        var start = new ProcessStartInfo("php") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, mode, library.ToString(), Key, data }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return output;
    }
}

/// <summary>A test that needs PHP with sodium and openssl (Debian's php-cli, installed with the iTop lab); skipped, and reported so, without it.</summary>
public sealed class PhpFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("php", ["-r", "echo extension_loaded('sodium') && extension_loaded('openssl') ? 'yes' : 'no';"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output == "yes";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    /// <summary>Skips when PHP is absent.</summary>
    public PhpFactAttribute()
    {
        if (!Available.Value) Skip = "php with sodium and openssl is not installed (apt-get install php-cli; the iTop lab installs it)";
    }
}
