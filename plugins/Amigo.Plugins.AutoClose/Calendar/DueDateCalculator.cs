namespace Amigo.Plugins.AutoClose.Calendar;

/// <summary>
/// Moves an instant by a number of days counted on the academy's wall clock: the local time of day is kept
/// across daylight-saving changes (14 days after 10:00 is 10:00, whether the days held 335 or 337 hours).
/// In <see cref="DayMode.WorkingDays"/> only working days are counted and the time of day is kept too.
/// </summary>
public sealed class DueDateCalculator
{
    private readonly ITopTimeZone _clock;
    private readonly HashSet<DateOnly> _extraClosedDays;
    // Tickets resolved on the same day share their due day: a backlog of 100,000 spans a few dozen days.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(DateOnly Date, int Days), DateOnly> _shiftedDays = new();

    /// <summary>Creates a calculator for one academy.</summary>
    public DueDateCalculator(TimeZoneInfo zone, DayMode mode, IEnumerable<DateOnly>? extraClosedDays = null)
    {
        _clock = new ITopTimeZone(zone);
        Mode = mode;
        _extraClosedDays = extraClosedDays is null ? [] : [.. extraClosedDays];
    }

    /// <summary>How days are counted.</summary>
    public DayMode Mode { get; }

    /// <summary>The academy's time zone.</summary>
    public TimeZoneInfo Zone => _clock.Zone;

    /// <summary>Whether a local date counts as a working day (always true in calendar mode).</summary>
    public bool Counts(DateOnly date) =>
        Mode == DayMode.Calendar || IsWorkingDay(date);

    /// <summary>Whether a date is a working day: Monday–Friday, not a public holiday, not an extra closed day.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !FrenchPublicHolidays.IsHoliday(date)
        && !_extraClosedDays.Contains(date);

    /// <summary>
    /// <paramref name="start"/> moved by <paramref name="days"/> counted days (negative moves back), at the same
    /// local time of day. A local time that does not exist (the spring-forward hour) is pushed past the gap;
    /// a repeated one (the autumn hour) is read as the earlier instant, like iTop's own dates.
    /// </summary>
    public DateTimeOffset Shift(DateTimeOffset start, int days)
    {
        var local = TimeZoneInfo.ConvertTime(start, Zone).DateTime;
        var date = Mode == DayMode.Calendar
            ? DateOnly.FromDateTime(local).AddDays(days)
            : _shiftedDays.GetOrAdd((DateOnly.FromDateTime(local), days), key => WalkWorkingDays(key.Date, key.Days));
        return _clock.ToInstant(date.ToDateTime(TimeOnly.FromDateTime(local)));
    }

    private DateOnly WalkWorkingDays(DateOnly date, int days)
    {
        var step = Math.Sign(days);
        for (var remaining = Math.Abs(days); remaining > 0;)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date)) remaining--;
        }
        return date;
    }

    /// <summary>The local date and time of an instant, in the academy's zone.</summary>
    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
}
