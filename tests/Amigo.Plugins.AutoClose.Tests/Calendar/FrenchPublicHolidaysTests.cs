namespace Amigo.Plugins.AutoClose.Tests.Calendar;

public sealed class FrenchPublicHolidaysTests
{
    // Published Easter Sundays (Gregorian calendar).
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2028, 4, 16)]
    [InlineData(2029, 4, 1)]
    [InlineData(2030, 4, 21)]
    [InlineData(2038, 4, 25)]
    [InlineData(2285, 3, 22)]
    public void Easter_sunday_matches_the_published_dates(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), FrenchPublicHolidays.EasterSunday(year));

    // Easter Monday, Ascension and Whit Monday as published by service-public.fr.
    [Theory]
    [InlineData(2024, "2024-04-01", "2024-05-09", "2024-05-20")]
    [InlineData(2025, "2025-04-21", "2025-05-29", "2025-06-09")]
    [InlineData(2026, "2026-04-06", "2026-05-14", "2026-05-25")]
    [InlineData(2027, "2027-03-29", "2027-05-06", "2027-05-17")]
    [InlineData(2028, "2028-04-17", "2028-05-25", "2028-06-05")]
    [InlineData(2029, "2029-04-02", "2029-05-10", "2029-05-21")]
    [InlineData(2030, "2030-04-22", "2030-05-30", "2030-06-10")]
    public void Easter_based_holidays_fall_on_the_published_days(int year, string easterMonday, string ascension, string whitMonday)
    {
        var holidays = FrenchPublicHolidays.Of(year);
        Assert.Equal("Lundi de Pâques", holidays[DateOnly.Parse(easterMonday)]);
        Assert.Equal("Ascension", holidays[DateOnly.Parse(ascension)]);
        Assert.Equal("Lundi de Pentecôte", holidays[DateOnly.Parse(whitMonday)]);
    }

    [Fact]
    public void A_year_has_the_eleven_metropolitan_holidays()
    {
        var holidays = FrenchPublicHolidays.Of(2026).Keys.Select(d => d.ToString("MM-dd")).ToList();
        Assert.Equal(["01-01", "04-06", "05-01", "05-08", "05-14", "05-25", "07-14", "08-15", "11-01", "11-11", "12-25"], holidays);
    }

    [Theory]
    [InlineData("2026-05-01", true)]
    [InlineData("2026-05-08", true)]
    [InlineData("2026-05-14", true)]
    [InlineData("2026-05-15", false)]
    [InlineData("2026-12-26", false)] // Saint-Étienne is a holiday only in Alsace-Moselle
    [InlineData("2026-04-03", false)] // nor Good Friday
    public void IsHoliday_tells_holidays_from_ordinary_days(string date, bool expected) =>
        Assert.Equal(expected, FrenchPublicHolidays.IsHoliday(DateOnly.Parse(date)));
}
