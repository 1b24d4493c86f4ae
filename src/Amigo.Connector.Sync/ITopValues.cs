namespace Amigo.Connector.Sync;

/// <summary>Reading iTop field values as the connector's columns store them.</summary>
internal static class ITopValues
{
    /// <summary>Text, with iTop's empty string stored as null.</summary>
    public static string? Text(this ITopObject source, string? attribute) =>
        attribute is null ? null : source.GetString(attribute) is { Length: > 0 } text ? text : null;

    /// <summary>Text never null (for NOT NULL columns).</summary>
    public static string Required(this ITopObject source, string attribute) => source.GetString(attribute) ?? "";

    /// <summary>An external key, null for iTop's "0".</summary>
    public static object? Key(this ITopObject source, string attribute) => source.GetExternalKey(attribute);
}
