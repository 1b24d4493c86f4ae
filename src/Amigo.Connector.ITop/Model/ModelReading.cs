namespace Amigo.Connector.ITop.Model;

/// <summary>Small readers shared by the typed mappers.</summary>
internal static class ModelReading
{
    public static string Required(this ITopObject source, string attribute) =>
        source.GetString(attribute) ?? throw new ITopFormatException($"{source.ClassName}::{source.Key} has no '{attribute}' (ask for it in output_fields).");

    public static DateTimeOffset? Instant(this ITopObject source, string attribute, ITopTimeZone zone) =>
        source.GetLocalDateTime(attribute) is { } local ? zone.ToInstant(local) : null;

    public static string? NonEmpty(this ITopObject source, string attribute) =>
        source.GetString(attribute) is { Length: > 0 } text ? text : null;

    /// <summary>The rows of a link set (e.g. <c>persons_list</c>); empty when absent.</summary>
    public static IReadOnlyList<JObject> Rows(this ITopObject source, string attribute) =>
        source.Fields.TryGetValue(attribute, out var value) && value is JArray rows ? rows.OfType<JObject>().ToList() : [];

    public static long? Id(this JObject row, string attribute) =>
        long.TryParse((string?)row[attribute], out var id) && id > 0 ? id : null;
}
