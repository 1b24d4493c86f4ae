namespace Amigo.Plugins.ArenaSso.Identity;

/// <summary>
/// Reads and checks the identity headers of a request that already passed the trust checks. Anything
/// doubtful is refused with a reason rather than repaired: the identity ends up in iTop.
/// </summary>
public static class ArenaIdentityReader
{
    private const int MaxLoginLength = 100;
    private const int MaxNameLength = 100;
    private const int MaxEmailLength = 254;

    /// <summary>Reads the identity of <paramref name="headers"/> with the academy's header names.</summary>
    public static ArenaIdentityResult Read(IHeaderDictionary headers, ArenaSsoSettings settings)
    {
        var names = settings.Headers;
        var text = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names.All.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var values = headers[name];
            if (values.Count > 1)
                return ArenaIdentityResult.Fail($"header '{name}' is repeated: the proxy must replace client copies, not append to them");
            var value = values.ToString();
            if (value.Length > settings.MaxHeaderLength)
                return ArenaIdentityResult.Fail($"header '{name}' is {value.Length} characters long (limit {settings.MaxHeaderLength})");
            // Latin-1 bytes were already decoded by Kestrel (Utf8OrLatin1Encoding); RFC 2047 words are decoded here.
            if (!EncodedWords.TryDecode(value, out var decoded, out var problem))
                return ArenaIdentityResult.Fail($"header '{name}' cannot be decoded: {problem}");
            if (decoded.Any(char.IsControl))
                return ArenaIdentityResult.Fail($"header '{name}' contains control characters");
            text[name] = decoded;
        }

        var login = text[names.Login].Trim();
        if (login.Length == 0) return ArenaIdentityResult.Fail($"header '{names.Login}' (login) is missing");
        if (login.Length > MaxLoginLength || !login.All(IsLoginCharacter))
            return ArenaIdentityResult.Fail($"header '{names.Login}' is not a login (letters, digits, '.', '_', '-', '@'; at most {MaxLoginLength})");

        var email = text[names.Email].Trim();
        if (email.Length == 0) return ArenaIdentityResult.Fail($"header '{names.Email}' (e-mail) is missing");
        if (!IsEmail(email)) return ArenaIdentityResult.Fail($"header '{names.Email}' is not an e-mail address");

        var lastName = text[names.LastName].Trim();
        if (lastName.Length == 0) return ArenaIdentityResult.Fail($"header '{names.LastName}' (last name) is missing");
        if (!IsPersonName(lastName)) return ArenaIdentityResult.Fail($"header '{names.LastName}' is not a name (letters, spaces, hyphens, apostrophes, dots only)");
        var firstName = text[names.FirstName].Trim();
        if (firstName.Length > 0 && !IsPersonName(firstName))
            return ArenaIdentityResult.Fail($"header '{names.FirstName}' is not a name (letters, spaces, hyphens, apostrophes, dots only)");

        var function = text[names.AdministrativeFunction].Trim();
        if (function is "X" or "x") function = "";
        if (function.Length > 32 || !function.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            return ArenaIdentityResult.Fail($"header '{names.AdministrativeFunction}' is not a function code");

        var establishments = EstablishmentListParser.Parse(text[names.Establishments], EstablishmentListParser.FrEduRneFields);
        if (establishments.ValueCount > 0 && establishments.Establishments.Count == 0)
            return ArenaIdentityResult.Fail($"header '{names.Establishments}' has no valid establishment: {string.Join("; ", establishments.Ignored)}");
        var responsible = EstablishmentListParser.Parse(text[names.ResponsibleEstablishments], EstablishmentListParser.FrEduRneRespFields);
        if (responsible.ValueCount > 0 && responsible.Establishments.Count == 0)
            return ArenaIdentityResult.Fail($"header '{names.ResponsibleEstablishments}' has no valid establishment: {string.Join("; ", responsible.Ignored)}");

        return ArenaIdentityResult.Ok(new ArenaIdentity(
            login, email.ToLowerInvariant(), lastName, firstName,
            establishments.Establishments, responsible.Establishments, function.ToUpperInvariant(),
            [.. establishments.Ignored, .. responsible.Ignored]));
    }

    private static bool IsLoginCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@';

    private static bool IsEmail(string text)
    {
        if (text.Length > MaxEmailLength || text.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '\'' or '"' or '(' or ')' or ',' or ';' or '\\'))
            return false;
        return MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.');
    }

    // Names end up in iTop and in OQL literals: only what real names contain (accents included), nothing
    // that could open markup (<script>) or end a literal and add a condition (' OR 1=1).
    private static bool IsPersonName(string text)
    {
        if (text.Length > MaxNameLength || !char.IsLetter(text[0])) return false;
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            var allowed = char.IsLetter(c)
                || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                || c is ' ' or '-' or '\'' or '\u2019' or '.';
            if (!allowed) return false;
        }
        return !text.Contains("--", StringComparison.Ordinal) && !text.Contains("''", StringComparison.Ordinal);
    }
}

/// <summary>The identity read from a request, or why it was refused.</summary>
public sealed record ArenaIdentityResult(ArenaIdentity? Identity, string? Problem)
{
    /// <summary>Whether the identity is usable.</summary>
    public bool IsValid => Identity is not null;

    internal static ArenaIdentityResult Ok(ArenaIdentity identity) => new(identity, null);
    internal static ArenaIdentityResult Fail(string problem) => new(null, problem);
}
