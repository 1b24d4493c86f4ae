namespace Amigo.Plugins.AutoClose.Calendar;

/// <summary>
/// The eleven public holidays of metropolitan France (Code du travail, art. L3133-1), computed for any
/// year: eight fixed dates and three that follow Easter (Easter Monday, Ascension, Whit Monday).
/// </summary>
public static class FrenchPublicHolidays
{
    private static readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, string>> Years = new();

    /// <summary>Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, "Meeus/Jones/Butcher").</summary>
    public static DateOnly EasterSunday(int year)
    {
        if (year is < 1583 or > 9999) throw new ArgumentOutOfRangeException(nameof(year), year, "Gregorian years 1583–9999 only.");
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The holidays of a year with their French names, in date order.</summary>
    public static IReadOnlyDictionary<DateOnly, string> Of(int year) => Years.GetOrAdd(year, Compute);

    /// <summary>Whether the date is a French public holiday.</summary>
    public static bool IsHoliday(DateOnly date) => Of(date.Year).ContainsKey(date);

    private static IReadOnlyDictionary<DateOnly, string> Compute(int year)
    {
        var easter = EasterSunday(year);
        return new SortedDictionary<DateOnly, string>
        {
            [new DateOnly(year, 1, 1)] = "Jour de l'an",
            [easter.AddDays(1)] = "Lundi de Pâques",
            [new DateOnly(year, 5, 1)] = "Fête du Travail",
            [new DateOnly(year, 5, 8)] = "Victoire 1945",
            [easter.AddDays(39)] = "Ascension",
            [easter.AddDays(50)] = "Lundi de Pentecôte",
            [new DateOnly(year, 7, 14)] = "Fête nationale",
            [new DateOnly(year, 8, 15)] = "Assomption",
            [new DateOnly(year, 11, 1)] = "Toussaint",
            [new DateOnly(year, 11, 11)] = "Armistice 1918",
            [new DateOnly(year, 12, 25)] = "Noël",
        };
    }
}
