namespace Amigo.Connector.Testing.Clock;

/// <summary>
/// Fixed Europe/Paris wall-clock moments far from the day a test runs, for tests that must hold on any date: a test
/// sweeps them as <c>[Theory, MemberData(nameof(ClockSweep.Moments), MemberType = typeof(ClockSweep))]</c>. They cover
/// both DST nights at 02:30 (a time that does not exist in March and happens twice in October), public holidays,
/// a Saturday, and years on either side of today, so a component reading the real clock (or the database's
/// <c>now()</c>) instead of the host's gives a different answer on at least one of them.
/// </summary>
public static class ClockSweep
{
    /// <summary>Europe/Paris, the academies' zone.</summary>
    public static TimeZoneInfo Paris { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The moments, as local wall-clock text (<c>yyyy-MM-dd HH:mm</c>) so test names read as dates.</summary>
    public static IReadOnlyList<string> LocalTimes { get; } =
    [
        "2025-02-11 10:15", // years before the suite was written
        "2031-06-17 14:40", // years after
        "2026-03-29 02:30", // spring-forward night: 02:30 does not exist (the zone reads it as 03:30 CEST)
        "2026-10-25 02:30", // fall-back night: 02:30 happens twice (the second, CET, is taken)
        "2027-05-01 09:00", // 1 May, a public holiday, and a Saturday
        "2026-07-14 16:45", // 14 July, a public holiday on a Tuesday
        "2028-12-30 11:20", // a Saturday between Christmas and New Year
    ];

    /// <summary>xunit member data: one row per moment.</summary>
    public static TheoryData<string> Moments
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var moment in LocalTimes) data.Add(moment);
            return data;
        }
    }

    /// <summary>The local wall-clock time of a moment of <see cref="LocalTimes"/>.</summary>
    public static DateTime Local(string moment) =>
        DateTime.ParseExact(moment, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None);

    /// <summary>
    /// The instant of a Paris wall-clock time: a time skipped by spring-forward is read with the offset before the
    /// change (02:30 → 03:30 CEST), an ambiguous one as its second occurrence (winter time), as
    /// <see cref="TimeZoneInfo.GetUtcOffset(DateTime)"/> and the simulated iTop's clock read them.
    /// </summary>
    public static DateTimeOffset Instant(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The instant of a moment of <see cref="LocalTimes"/>.</summary>
    public static DateTimeOffset Instant(string moment) => Instant(Local(moment));
}
