namespace Amigo.Plugins.ArenaSso.Identity;

/// <summary>Parses the multi-valued, comma-separated <c>FrEduRne</c> and <c>FrEduRneResp</c> headers.</summary>
public static class EstablishmentListParser
{
    /// <summary>Field count of a <c>FrEduRne</c> value.</summary>
    public const int FrEduRneFields = 8;

    /// <summary>Field count of a <c>FrEduRneResp</c> value.</summary>
    public const int FrEduRneRespFields = 7;

    /// <summary>The outcome: valid establishments, values dropped with their reason, and how many values were given.</summary>
    public sealed record Result(IReadOnlyList<ArenaEstablishment> Establishments, IReadOnlyList<string> Ignored, int ValueCount);

    /// <summary>
    /// Parses <paramref name="header"/>: <c>X</c> or an empty value means none; each value must have
    /// <paramref name="fieldCount"/> <c>$</c>-separated fields with a valid UAI first; invalid values are dropped.
    /// </summary>
    public static Result Parse(string? header, int fieldCount)
    {
        var establishments = new List<ArenaEstablishment>();
        var ignored = new List<string>();
        var valueCount = 0;
        if (string.IsNullOrWhiteSpace(header)) return new Result(establishments, ignored, 0);

        foreach (var raw in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw is "X" or "x") continue;
            valueCount++;
            var fields = raw.Split('$');
            if (fields.Length != fieldCount)
            {
                ignored.Add($"'{raw}': {fields.Length} fields instead of {fieldCount}");
                continue;
            }
            var uai = UaiCode.Parse(fields[0]);
            if (!uai.IsValid)
            {
                ignored.Add(uai.Reason);
                continue;
            }
            if (establishments.Any(e => e.Uai == uai.Code!.Value)) continue;
            // FrEduRne: uai$type$category$function$uaj$tna_sym$tty_code$tna_code; FrEduRneResp: uai$type$category$activity$tna_sym$tty_code$tna_code.
            establishments.Add(new ArenaEstablishment(uai.Code!.Value, fields[1], fields[2], fields[3], fields[^2]));
        }
        return new Result(establishments, ignored, valueCount);
    }
}
