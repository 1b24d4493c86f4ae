namespace Amigo.Connector.Host.Jobs;

/// <summary>Next occurrences of a cron schedule in an academy's time zone (daylight-saving changes included).</summary>
public static class ScheduleCalculator
{
    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when the expression never fires again.</summary>
    public static DateTimeOffset? Next(JobSchedule schedule, TimeZoneInfo zone, DateTimeOffset after) =>
        schedule.Cron.GetNextOccurrence(after, zone, inclusive: false);

    /// <summary>The next <paramref name="count"/> occurrences after <paramref name="after"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> NextOccurrences(JobSchedule schedule, TimeZoneInfo zone, DateTimeOffset after, int count)
    {
        var list = new List<DateTimeOffset>(count);
        var from = after;
        while (list.Count < count && Next(schedule, zone, from) is { } next)
        {
            list.Add(next);
            from = next;
        }
        return list;
    }
}
