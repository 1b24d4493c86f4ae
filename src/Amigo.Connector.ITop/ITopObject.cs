namespace Amigo.Connector.ITop;

/// <summary>
/// One object of an iTop answer (<c>objects["Class::id"]</c>). Field values are kept as iTop sent them
/// (ids, external keys and enum codes are strings; an empty external key is <c>"0"</c>; an empty date is <c>""</c>).
/// </summary>
public sealed class ITopObject
{
    /// <summary>Creates an object as read from an answer.</summary>
    public ITopObject(string className, long key, IReadOnlyDictionary<string, JToken?> fields)
    {
        (ClassName, Key, Fields) = (className, key, fields);
    }

    /// <summary>The object's class (for a polymorphic read, the final class).</summary>
    public string ClassName { get; }

    /// <summary>The object's id (iTop sends it as a string).</summary>
    public long Key { get; }

    /// <summary>The fields asked for in <c>output_fields</c>.</summary>
    public IReadOnlyDictionary<string, JToken?> Fields { get; }

    /// <summary>A scalar field as text; null when absent or JSON null.</summary>
    public string? GetString(string attribute) =>
        Fields.TryGetValue(attribute, out var value) && value is not null && value.Type != JTokenType.Null
            ? value.Type == JTokenType.String ? (string?)value : value.ToString(Newtonsoft.Json.Formatting.None)
            : null;

    /// <summary>An external key; null for iTop's empty key <c>"0"</c> or an absent field.</summary>
    public long? GetExternalKey(string attribute)
    {
        var text = GetString(attribute);
        if (string.IsNullOrEmpty(text)) return null;
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            throw new ITopFormatException($"Field '{attribute}' of {ClassName}::{Key} is not an id: '{Truncate(text)}'.");
        return id == 0 ? null : id;
    }

    /// <summary>A date as iTop's offset-less local wall-clock time; null for <c>""</c> or absent.</summary>
    public DateTime? GetLocalDateTime(string attribute)
    {
        var text = GetString(attribute);
        return ITopTimeZone.TryParseLocal(text, out var value) ? value : throw ITopTimeZone.Invalid(text!, $"{ClassName}::{Key}.{attribute}");
    }

    /// <summary>A case log (<c>public_log</c>, <c>private_log</c>) in insertion order; empty when absent.</summary>
    public IReadOnlyList<CaseLogEntry> GetCaseLog(string attribute) =>
        Fields.TryGetValue(attribute, out var value) ? CaseLogEntry.ParseLog(value, $"{ClassName}::{Key}.{attribute}") : [];

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
