namespace Amigo.Connector.Data;

/// <summary>JSON for jsonb columns: plain objects through System.Text.Json, Newtonsoft tokens (iTop answers) as they are.</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string? Serialize(object? value) => value switch
    {
        null => null,
        JToken token => token.ToString(Newtonsoft.Json.Formatting.None),
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(value, value.GetType(), Options),
    };

    public static JsonElement? Parse(string? json) =>
        json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    public static string SerializeCounts(IReadOnlyDictionary<string, long>? counts) =>
        JsonSerializer.Serialize(counts ?? new Dictionary<string, long>(), Options);

    public static IReadOnlyDictionary<string, long> ParseCounts(string? json) =>
        string.IsNullOrEmpty(json) ? new Dictionary<string, long>() : JsonSerializer.Deserialize<Dictionary<string, long>>(json, Options) ?? [];
}
