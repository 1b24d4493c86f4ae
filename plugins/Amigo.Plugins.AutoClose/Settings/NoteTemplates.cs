namespace Amigo.Plugins.AutoClose.Settings;

/// <summary>
/// Renders the French texts written into tickets. Placeholders: <c>{delay}</c> (the number of days),
/// <c>{unit}</c> (<c>jours</c> or <c>jours ouvrés</c>), <c>{ref}</c>, <c>{resolution_date}</c> and
/// <c>{close_date}</c> (dd/MM/yyyy in the academy's time zone).
/// </summary>
public static partial class NoteTemplates
{
    private static readonly HashSet<string> Known = ["delay", "unit", "ref", "resolution_date", "close_date"];
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The values a template is filled with.</summary>
    public sealed record Values(int Delay, Calendar.DayMode Mode, string Ref, DateTime ResolutionLocal, DateTime CloseLocal);

    /// <summary>Problems with a template (unknown placeholder, unbalanced brace); empty when fine or empty.</summary>
    public static IEnumerable<string> Check(string setting, string? template)
    {
        if (string.IsNullOrEmpty(template)) yield break;
        foreach (Match match in Placeholder().Matches(template))
        {
            if (!Known.Contains(match.Groups[1].Value))
                yield return $"{setting}: unknown placeholder '{{{match.Groups[1].Value}}}' (known: {string.Join(", ", Known.Select(k => "{" + k + "}"))}).";
        }
        var stripped = Placeholder().Replace(template, "");
        if (stripped.Contains('{') || stripped.Contains('}'))
            yield return $"{setting}: unbalanced '{{' or '}}'.";
    }

    /// <summary>The text with its placeholders filled; null when the template is empty.</summary>
    public static string? Render(string? template, Values values)
    {
        if (string.IsNullOrWhiteSpace(template)) return null;
        return Placeholder().Replace(template, match => match.Groups[1].Value switch
        {
            "delay" => values.Delay.ToString(CultureInfo.InvariantCulture),
            "unit" => values.Mode == Calendar.DayMode.WorkingDays
                ? (values.Delay > 1 ? "jours ouvrés" : "jour ouvré")
                : (values.Delay > 1 ? "jours" : "jour"),
            "ref" => values.Ref,
            "resolution_date" => values.ResolutionLocal.ToString("dd/MM/yyyy", French),
            "close_date" => values.CloseLocal.ToString("dd/MM/yyyy", French),
            _ => match.Value,
        }).Trim();
    }

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();
}
