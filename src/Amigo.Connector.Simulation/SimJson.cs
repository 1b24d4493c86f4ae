namespace Amigo.Connector.Simulation;

/// <summary>Serializes like PHP's json_encode: non-ASCII as \uXXXX and '/' as '\/', no spaces.</summary>
internal static class SimJson
{
    public static string Serialize(JToken token)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(writer) { Formatting = Formatting.None, StringEscapeHandling = StringEscapeHandling.EscapeNonAscii })
            token.WriteTo(json);
        // '/' only occurs inside strings in JSON text, so escaping it everywhere is what PHP does.
        return writer.ToString().Replace("/", "\\/", StringComparison.Ordinal);
    }
}
