namespace Amigo.Plugins.ArenaSso.Identity;

/// <summary>
/// Kestrel's decoder of request header values when the bridge is loaded: UTF-8 when the bytes are valid UTF-8 (what
/// Kestrel does by default), ISO-8859-1 otherwise. Some ARENA proxies send <c>ctfn: Noël</c> as Latin-1 bytes, which
/// Kestrel's default refuses with an empty <c>400</c> before the bridge can say anything. Newlines and NUL are still
/// refused by Kestrel, and the identity reader still checks every character.
/// </summary>
internal sealed class Utf8OrLatin1Encoding : Encoding
{
    /// <summary>The one instance.</summary>
    public static readonly Utf8OrLatin1Encoding Instance = new();

    private static readonly Encoding Utf8Strict = new UTF8Encoding(false, throwOnInvalidBytes: true);

    private static Encoding For(ReadOnlySpan<byte> bytes) => Utf8.IsValid(bytes) ? Utf8Strict : Latin1;

    /// <inheritdoc />
    public override int GetByteCount(char[] chars, int index, int count) => UTF8.GetByteCount(chars, index, count);

    /// <inheritdoc />
    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
        UTF8.GetBytes(chars, charIndex, charCount, bytes, byteIndex);

    /// <inheritdoc />
    public override int GetCharCount(byte[] bytes, int index, int count) => For(bytes.AsSpan(index, count)).GetCharCount(bytes, index, count);

    /// <inheritdoc />
    public override int GetCharCount(ReadOnlySpan<byte> bytes) => For(bytes).GetCharCount(bytes);

    /// <inheritdoc />
    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex) =>
        For(bytes.AsSpan(byteIndex, byteCount)).GetChars(bytes, byteIndex, byteCount, chars, charIndex);

    /// <inheritdoc />
    public override int GetChars(ReadOnlySpan<byte> bytes, Span<char> chars) => For(bytes).GetChars(bytes, chars);

    /// <inheritdoc />
    public override string GetString(byte[] bytes, int index, int count) => For(bytes.AsSpan(index, count)).GetString(bytes, index, count);

    /// <inheritdoc />
    public override int GetMaxByteCount(int charCount) => UTF8.GetMaxByteCount(charCount);

    /// <inheritdoc />
    public override int GetMaxCharCount(int byteCount) => Math.Max(UTF8.GetMaxCharCount(byteCount), byteCount);
}
