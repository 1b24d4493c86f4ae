using System.Globalization;

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

    /// <summary>Creates the clock of an instance running in <paramref name="zone"/>.</summary>
    public ITopTimeZone(TimeZoneInfo zone) => Zone = zone;

    /// <summary>The instance's time zone (Europe/Paris by default in the academies).</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The instant of an iTop local time. An ambiguous time (the repeated autumn hour) is read as the earlier instant.</summary>
    public DateTimeOffset ToInstant(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
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
    public static DateTime? ParseLocal(string? text, string where = "date")
    {
        if (string.IsNullOrEmpty(text) || text == "0000-00-00 00:00:00") return null;
        if (DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            return DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return DateTime.SpecifyKind(day, DateTimeKind.Unspecified);
        throw new ITopFormatException($"{where} is not an iTop date: '{(text.Length > 40 ? text[..40] : text)}'.");
    }
}
