namespace Amigo.Plugins.Reassignment.Rules;

/// <summary>How an establishment's UAI code was read.</summary>
/// <param name="Input">The code as written in the ticket.</param>
/// <param name="Problem">What is wrong with it (<see cref="UaiProblem.None"/> when valid).</param>
/// <param name="Reason">English reason, empty when valid.</param>
/// <param name="Departement">The département used for routing, or null when the code cannot be routed.</param>
/// <param name="AcademyId">The academy the establishment belongs to, or null when unknown or not routable.</param>
public sealed record EstablishmentInfo(string? Input, UaiProblem Problem, string Reason, string? Departement, string? AcademyId)
{
    /// <summary>Whether a code was given at all.</summary>
    public bool HasCode => Problem != UaiProblem.Empty;

    /// <summary>Whether the code is given but invalid (reported).</summary>
    public bool IsInvalid => Problem is not (UaiProblem.None or UaiProblem.Empty);

    /// <summary>Whether the code was routed although its check letter is wrong.</summary>
    public bool RoutedUnchecked => Problem == UaiProblem.WrongCheckLetter && AcademyId is not null;

    /// <summary>A stable short code for counts and audit: <c>wrong_check_letter</c>, <c>wrong_length</c>, <c>not_digits</c>.</summary>
    public string ProblemCode => Problem switch
    {
        UaiProblem.WrongCheckLetter => "wrong_check_letter",
        UaiProblem.WrongLength => "wrong_length",
        UaiProblem.NotDigits => "not_digits",
        UaiProblem.Empty => "empty",
        _ => "none",
    };
}

/// <summary>Finds the academy of an establishment from its UAI code and the département table.</summary>
public sealed class EstablishmentResolver(DepartementAcademies departements)
{
    /// <summary>
    /// Reads a UAI code. A valid code is routed by its département; a code whose only fault is its check letter is
    /// routed only when <paramref name="acceptUnchecked"/>; any other invalid code is never routed.
    /// </summary>
    public EstablishmentInfo Resolve(string? uai, bool acceptUnchecked)
    {
        var parsed = UaiCode.Parse(uai);
        var routable = parsed.IsValid || (acceptUnchecked && parsed.Problem == UaiProblem.WrongCheckLetter);
        if (!routable || parsed.Unchecked is not { } code)
            return new EstablishmentInfo(uai, parsed.Problem, parsed.Reason, null, null);
        return new EstablishmentInfo(uai, parsed.Problem, parsed.Reason, code.Departement, departements.AcademyOf(code));
    }
}
