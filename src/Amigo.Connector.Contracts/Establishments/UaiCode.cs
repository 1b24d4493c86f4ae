namespace Amigo.Connector.Contracts.Establishments;

/// <summary>
/// An establishment's UAI code (formerly RNE): seven characters — three for the département, four for the
/// number — and a check letter, the 7-character number modulo 23 indexing <c>ABCDEFGHJKLMNPRSTUVWXYZ</c>.
/// Corsica's départements are written <c>620</c> (2A) and <c>720</c> (2B).
/// </summary>
public readonly record struct UaiCode
{
    private const string CheckLetters = "ABCDEFGHJKLMNPRSTUVWXYZ";

    private UaiCode(string value) => Value = value;

    /// <summary>The code, upper case, e.g. <c>0310094J</c>.</summary>
    public string Value { get; }

    /// <summary>The three-character département part, e.g. <c>031</c>.</summary>
    public string Departement => Value[..3];

    /// <summary>Parses and checks a code (spaces trimmed, case ignored).</summary>
    public static UaiParseResult Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return UaiParseResult.Fail(UaiProblem.Empty, text);
        var value = text.Trim().ToUpperInvariant();
        if (value.Length != 8) return UaiParseResult.Fail(UaiProblem.WrongLength, text);
        if (!value[..7].All(char.IsAsciiDigit)) return UaiParseResult.Fail(UaiProblem.NotDigits, text);
        var expected = CheckLetters[(int)(long.Parse(value[..7], System.Globalization.CultureInfo.InvariantCulture) % 23)];
        return value[7] == expected
            ? UaiParseResult.Ok(new UaiCode(value))
            : UaiParseResult.BadCheckLetter(new UaiCode(value), expected, text);
    }

    /// <summary>Whether <paramref name="text"/> is a valid code (check letter included).</summary>
    public static bool IsValid(string? text) => Parse(text).IsValid;

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Why a UAI code is not valid.</summary>
public enum UaiProblem
{
    /// <summary>Valid.</summary>
    None,
    /// <summary>Empty or blank.</summary>
    Empty,
    /// <summary>Not eight characters.</summary>
    WrongLength,
    /// <summary>The first seven characters are not digits.</summary>
    NotDigits,
    /// <summary>Well formed but the check letter is wrong (real data contains such codes).</summary>
    WrongCheckLetter,
}

/// <summary>The outcome of <see cref="UaiCode.Parse"/>.</summary>
public readonly record struct UaiParseResult(UaiCode? Code, UaiProblem Problem, string? Input, char? ExpectedLetter)
{
    /// <summary>Whether the code is fully valid.</summary>
    public bool IsValid => Problem == UaiProblem.None;

    /// <summary>The code when only its check letter is wrong (usable by its département where settings allow), or when valid.</summary>
    public UaiCode? Unchecked => Code;

    /// <summary>A clear English reason, empty when valid.</summary>
    public string Reason => Problem switch
    {
        UaiProblem.None => "",
        UaiProblem.Empty => "empty UAI code",
        UaiProblem.WrongLength => $"UAI code '{Input}' must be 7 digits and a letter",
        UaiProblem.NotDigits => $"UAI code '{Input}' must start with 7 digits",
        UaiProblem.WrongCheckLetter => $"UAI code '{Input}' has a wrong check letter (expected {ExpectedLetter})",
        _ => "invalid UAI code",
    };

    internal static UaiParseResult Ok(UaiCode code) => new(code, UaiProblem.None, code.Value, null);
    internal static UaiParseResult Fail(UaiProblem problem, string? input) => new(null, problem, input, null);
    internal static UaiParseResult BadCheckLetter(UaiCode code, char expected, string? input) => new(code, UaiProblem.WrongCheckLetter, input, expected);
}
