namespace Amigo.Connector.Contracts.Establishments;

/// <summary>
/// Which academy a département belongs to. The built-in table covers Toulouse, Montpellier and Normandie;
/// an admin extends or overrides it in configuration (<c>Amigo:Departements</c>: <c>"064": "bordeaux"</c>).
/// </summary>
public sealed class DepartementAcademies
{
    /// <summary>The shipped table: three-character département code → academy id.</summary>
    public static IReadOnlyDictionary<string, string> BuiltIn { get; } = new Dictionary<string, string>
    {
        ["009"] = "toulouse", ["012"] = "toulouse", ["031"] = "toulouse", ["032"] = "toulouse",
        ["046"] = "toulouse", ["065"] = "toulouse", ["081"] = "toulouse", ["082"] = "toulouse",
        ["011"] = "montpellier", ["030"] = "montpellier", ["034"] = "montpellier", ["048"] = "montpellier", ["066"] = "montpellier",
        ["014"] = "normandie", ["027"] = "normandie", ["050"] = "normandie", ["061"] = "normandie", ["076"] = "normandie",
    };

    private readonly Dictionary<string, string> _table;

    /// <summary>The built-in table with <paramref name="overrides"/> added on top.</summary>
    public DepartementAcademies(IReadOnlyDictionary<string, string>? overrides = null)
    {
        _table = new Dictionary<string, string>(BuiltIn, StringComparer.Ordinal);
        foreach (var (departement, academy) in overrides ?? new Dictionary<string, string>())
        {
            var code = departement.Trim();
            if (code.Length == 2 && code.All(char.IsAsciiDigit)) code = "0" + code;
            if (code.Length != 3 || !code.All(char.IsAsciiDigit))
                throw new ArgumentException($"Département code '{departement}' must be 3 digits (e.g. 031) or 2 (31).");
            _table[code] = academy.Trim().ToLowerInvariant();
        }
    }

    /// <summary>The academy of a département code (<c>031</c>), or null.</summary>
    public string? AcademyOf(string departement) => _table.TryGetValue(departement, out var academy) ? academy : null;

    /// <summary>The academy of an establishment, or null when its département is unknown.</summary>
    public string? AcademyOf(UaiCode code) => AcademyOf(code.Departement);

    /// <summary>The whole table.</summary>
    public IReadOnlyDictionary<string, string> Table => _table;
}
