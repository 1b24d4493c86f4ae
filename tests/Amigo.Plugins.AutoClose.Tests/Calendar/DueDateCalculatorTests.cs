namespace Amigo.Plugins.AutoClose.Tests.Calendar;

public sealed class DueDateCalculatorTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static DateTimeOffset ParisTime(int year, int month, int day, int hour, int minute = 0) =>
        new(new DateTime(year, month, day, hour, minute, 0), Paris.GetUtcOffset(new DateTime(year, month, day, hour, minute, 0)));

    [Fact]
    public void Calendar_days_keep_the_local_time_across_the_end_of_october()
    {
        // 2026-10-25 03:00 CEST → 02:00 CET: the 14 days hold 337 hours.
        var resolved = ParisTime(2026, 10, 20, 10);
        var due = new DueDateCalculator(Paris, DayMode.Calendar).Shift(resolved, 14);

        Assert.Equal(new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(1)), due);
        Assert.Equal(TimeSpan.FromHours(14 * 24 + 1), due - resolved);
    }

    [Fact]
    public void Calendar_days_keep_the_local_time_across_the_end_of_march()
    {
        var resolved = ParisTime(2026, 3, 20, 9, 30);
        var due = new DueDateCalculator(Paris, DayMode.Calendar).Shift(resolved, 14);

        Assert.Equal(new DateTimeOffset(2026, 4, 3, 9, 30, 0, TimeSpan.FromHours(2)), due);
        Assert.Equal(TimeSpan.FromHours(14 * 24 - 1), due - resolved);
    }

    [Fact]
    public void A_due_time_inside_the_spring_gap_moves_past_it()
    {
        // 02:30 does not exist on 2026-03-29 in Paris.
        var resolved = ParisTime(2026, 3, 15, 2, 30);
        var due = new DueDateCalculator(Paris, DayMode.Calendar).Shift(resolved, 14);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 30, 0, TimeSpan.FromHours(2)), due);
    }

    [Fact]
    public void Working_days_skip_the_may_2026_bank_holidays_and_weekends()
    {
        // Resolved Thursday 30 April 2026 at 15:00. Not counted: Fri 1 May, Fri 8 May, Thu 14 May (Ascension),
        // Mon 25 May (Whit Monday) and weekends.
        var calculator = new DueDateCalculator(Paris, DayMode.WorkingDays);
        var resolved = ParisTime(2026, 4, 30, 15);

        Assert.Equal(ParisTime(2026, 5, 11, 15), calculator.Shift(resolved, 5));
        Assert.Equal(ParisTime(2026, 5, 26, 15), calculator.Shift(resolved, 14));
        Assert.Equal(ParisTime(2026, 5, 5, 15), new DueDateCalculator(Paris, DayMode.Calendar).Shift(resolved, 5));
    }

    [Fact]
    public void Working_days_counted_backwards_land_on_a_working_day()
    {
        var calculator = new DueDateCalculator(Paris, DayMode.WorkingDays);
        // Two working days before Tue 26 May 2026: Whit Monday 25 and the weekend are not counted; Fri 22 (1), Thu 21 (2).
        Assert.Equal(ParisTime(2026, 5, 21, 15), calculator.Shift(ParisTime(2026, 5, 26, 15), -2));
    }

    [Fact]
    public void A_ticket_resolved_on_a_saturday_counts_from_monday()
    {
        var calculator = new DueDateCalculator(Paris, DayMode.WorkingDays);
        Assert.Equal(ParisTime(2026, 11, 23, 11), calculator.Shift(ParisTime(2026, 11, 21, 11), 1));
    }

    [Fact]
    public void Extra_closed_days_are_not_counted()
    {
        var bridge = new DateOnly(2026, 5, 15); // the Friday after Ascension
        var calculator = new DueDateCalculator(Paris, DayMode.WorkingDays, [bridge]);
        Assert.Equal(ParisTime(2026, 5, 18, 9), calculator.Shift(ParisTime(2026, 5, 13, 9), 1));
    }
}
