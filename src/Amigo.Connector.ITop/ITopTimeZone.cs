namespace Amigo.Connector.ITop;

/// <summary>
/// iTop stores and answers wall-clock times of its server's time zone with no offset
/// (<c>YYYY-MM-DD HH:MM:SS</c>). This converts them to instants and back; the connector computes every
/// cut-off itself and sends literals (never OQL <c>NOW()</c>, which the database evaluates in its own zone).
/// </summary>
public sealed class ITopTimeZone
{
    /// <summary>iTop's date format.</summary>
    public const string Format = "yyyy-MM-dd HH:mm:ss";

    // Offsets of days that hold no DST transition (a day starting and ending at one offset, neither end ambiguous nor
    // skipped: no zone changes its offset twice in a day); TimeZoneInfo's rule lookups cost microseconds each, which is
    // noticeable when every ticket of a 100,000-ticket read carries six dates. Days rather than shorter spans: the cache
    // is filled (a locked write) once per day seen, not once per quarter-hour.
    private const int MaxCachedDays = 100_000;
    private static readonly long DayTicks = TimeSpan.TicksPerDay;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, TimeSpan> _offsets = new();

    /// <summary>Creates the clock of an instance running in <paramref name="zone"/>.</summary>
    public ITopTimeZone(TimeZoneInfo zone) => Zone = zone ?? throw new ArgumentNullException(nameof(zone));

    /// <summary>The instance's time zone (Europe/Paris by default in the academies).</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The instant of an iTop local time. An ambiguous time (the repeated autumn hour) is read as the earlier instant.</summary>
    public DateTimeOffset ToInstant(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var day = unspecified.Ticks / DayTicks;
        if (_offsets.TryGetValue(day, out var cached)) return new DateTimeOffset(unspecified, cached);
        var first = new DateTime(day * DayTicks, DateTimeKind.Unspecified);
        var last = first.AddTicks(DayTicks - 1);
        if (!Zone.IsInvalidTime(first) && !Zone.IsInvalidTime(last) && !Zone.IsAmbiguousTime(first) && !Zone.IsAmbiguousTime(last)
            && Zone.GetUtcOffset(first) == Zone.GetUtcOffset(last))
        {
            if (_offsets.Count > MaxCachedDays) _offsets.Clear();
            var stable = Zone.GetUtcOffset(first);
            _offsets[day] = stable;
            return new DateTimeOffset(unspecified, stable);
        }
        if (Zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1); // spring gap: the clock jumped past it
        var offset = Zone.IsAmbiguousTime(unspecified)
            ? Zone.GetAmbiguousTimeOffsets(unspecified).Max()
            : Zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset);
    }

    /// <summary>Parses iTop's text and returns its instant; null for an empty date.</summary>
    public DateTimeOffset? ParseInstant(string? text, string where = "date") =>
        ParseLocal(text, where) is { } local ? ToInstant(local) : null;

    /// <summary>The local wall-clock time of an instant, in iTop's format, for OQL literals and writes.</summary>
    public string ToITop(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zone).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses iTop's offset-less text; null for <c>""</c> or null.</summary>
    public static DateTime? ParseLocal(string? text, string where = "date") =>
        TryParseLocal(text, out var value) ? value : throw Invalid(text!, where);

    /// <summary>Parses iTop's offset-less text (<c>""</c> is a valid empty date); false when it is not a date.</summary>
    internal static bool TryParseLocal(string? text, out DateTime? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text) || text == "0000-00-00 00:00:00") return true;
        if (TryParseDateTime(text.AsSpan(), out var parsed))
        {
            value = parsed;
            return true;
        }
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = DateTime.SpecifyKind(date, DateTimeKind.Unspecified);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Parses iTop's offset-less text given as UTF-8 (a field of an <see cref="ITopAnswerPage"/>): the same rules as
    /// <see cref="ParseLocal"/>, without making a string. False when it is not a date.
    /// </summary>
    public static bool TryParseLocal(ReadOnlySpan<byte> utf8, out DateTime? value)
    {
        value = null;
        if (utf8.IsEmpty || utf8.SequenceEqual("0000-00-00 00:00:00"u8)) return true;
        if (TryParseDateTime(utf8, out var parsed))
        {
            value = parsed;
            return true;
        }
        // Rare shapes (a date without time) take the string path.
        return utf8.Length <= 64 && TryParseLocal(System.Text.Encoding.UTF8.GetString(utf8), out value);
    }

    /// <summary>The error for a value that is not an iTop date, naming where it was found.</summary>
    public static ITopFormatException InvalidDate(ReadOnlySpan<byte> utf8, string where) =>
        Invalid(System.Text.Encoding.UTF8.GetString(utf8[..Math.Min(utf8.Length, 160)]), where);

    internal static ITopFormatException Invalid(string text, string where) =>
        new($"{where} is not an iTop date: '{(text.Length > 40 ? text[..40] : text)}'.");

    /// <summary>
    /// The common shape <c>YYYY-MM-DD HH:MM:SS</c>, parsed by hand from text or UTF-8 (every ticket carries six dates, and
    /// <see cref="DateTime.TryParseExact(string, string, IFormatProvider, DateTimeStyles, out DateTime)"/> costs far more).
    /// </summary>
    private static bool TryParseDateTime<T>(ReadOnlySpan<T> text, out DateTime value) where T : unmanaged, IBinaryInteger<T>
    {
        value = default;
        if (text.Length != 19 || !Is(text[4], '-') || !Is(text[7], '-') || !Is(text[10], ' ') || !Is(text[13], ':') || !Is(text[16], ':')
            || !TryDigits(text.Slice(0, 4), out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || !TryDigits(text.Slice(11, 2), out var hour) || !TryDigits(text.Slice(14, 2), out var minute) || !TryDigits(text.Slice(17, 2), out var second)
            || month is < 1 or > 12 || year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour >= 24 || minute >= 60 || second >= 60)
            return false;
        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    private static bool Is<T>(T character, char expected) where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(character) == expected;

    private static bool TryDigits<T>(ReadOnlySpan<T> text, out int value) where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        foreach (var character in text)
        {
            var digit = int.CreateTruncating(character) - '0';
            if ((uint)digit > 9) return false;
            value = value * 10 + digit;
        }
        return true;
    }
}
