namespace Amigo.Connector.Host.Tests;

/// <summary>Schedules are read in the academy's time zone, daylight-saving changes included.</summary>
public sealed class ScheduleCalculatorTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly TimeZoneInfo Reunion = TimeZoneInfo.FindSystemTimeZoneById("Indian/Reunion");

    private static JobSchedule Cron(string expression)
    {
        Assert.True(ConnectorSettingsBuilder.TryParseCron(expression, out var cron, out var error), error);
        return new JobSchedule(expression, cron!, true);
    }

    [Theory]
    [InlineData("2026-01-15T00:00:00Z", "2026-01-15T05:30:00Z")] // winter: UTC+1
    [InlineData("2026-07-15T00:00:00Z", "2026-07-15T04:30:00Z")] // summer: UTC+2
    public void Daily_run_is_at_local_time_in_paris(string from, string expected)
    {
        var next = ScheduleCalculator.Next(Cron("30 6 * * *"), Paris, DateTimeOffset.Parse(from));
        Assert.Equal(DateTimeOffset.Parse(expected), next);
    }

    [Fact]
    public void Same_cron_runs_at_different_instants_in_different_academies()
    {
        var from = DateTimeOffset.Parse("2026-11-23T00:00:00Z");
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T05:30:00Z"), ScheduleCalculator.Next(Cron("30 6 * * *"), Paris, from));
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T02:30:00Z"), ScheduleCalculator.Next(Cron("30 6 * * *"), Reunion, from));
    }

    [Fact]
    public void Hour_skipped_by_the_spring_change_still_runs_once()
    {
        // 2026-03-29 02:30 does not exist in Paris: Cronos runs it at the moment the clock jumps (03:00 local = 01:00Z).
        var runs = ScheduleCalculator.NextOccurrences(Cron("30 2 * * *"), Paris, DateTimeOffset.Parse("2026-03-28T12:00:00Z"), 2);
        Assert.Equal([DateTimeOffset.Parse("2026-03-29T01:00:00Z"), DateTimeOffset.Parse("2026-03-30T00:30:00Z")], runs);
    }

    [Fact]
    public void Weekday_business_hours_schedule()
    {
        // Friday 2026-11-27 19:55 Paris → the next run is Monday 07:00 Paris.
        var next = ScheduleCalculator.Next(Cron("*/10 7-19 * * 1-5"), Paris, DateTimeOffset.Parse("2026-11-27T18:55:00Z"));
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T06:00:00Z"), next);
    }

    [Fact]
    public void Six_field_expressions_have_seconds()
    {
        var next = ScheduleCalculator.Next(Cron("15 * * * * *"), Paris, DateTimeOffset.Parse("2026-11-23T10:00:00Z"));
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T10:00:15Z"), next);
    }
}
