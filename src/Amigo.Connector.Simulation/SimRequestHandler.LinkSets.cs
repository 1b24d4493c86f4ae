namespace Amigo.Connector.Simulation;

/// <summary>Writes of indirect link sets and the class a key designates, as iTop's <c>RestUtils</c> reads them.</summary>
internal sealed partial class SimRequestHandler
{
    /// <summary>
    /// The links a link-set value asks for: an array of link objects whose external keys are given like any key (id,
    /// OQL or search object), e.g. <c>[{"profileid":{"name":"Portal user"}}]</c>. As iTop does (N°1939), a link whose
    /// remote key is empty or 0 is skipped; a remote object given twice is linked once. Errors are iTop's, prefixed
    /// with the link set's code: <c>Error: profile_list: profileid: No item found with criteria: name: X (X)</c>.
    /// </summary>
    private List<SimObject> ReadLinkSet(SimAttribute linkSet, JToken value)
    {
        if (value is not JArray items) throw new SimError(100, $"Error: {linkSet.Code}: A link set must be defined by an array of objects");
        var linkClass = store.Class(linkSet.Target!);
        var links = new List<SimObject>();
        foreach (var fields in items.OfType<JObject>())
        {
            var link = new SimObject(linkSet.Target!, 0);
            foreach (var property in fields.Properties())
            {
                try
                {
                    link.Values[property.Name] = LinkValue(linkClass, property);
                }
                catch (SimError e) when (e.Message.StartsWith("Error: ", StringComparison.Ordinal))
                {
                    throw new SimError(e.Code, $"Error: {linkSet.Code}: {e.Message["Error: ".Length..]}", e.WithNullObjects);
                }
            }
            var remote = link.Values.GetValueOrDefault(linkSet.Remote!, "0");
            if (remote == "0" || links.Any(l => l.Values[linkSet.Remote!] == remote)) continue;
            links.Add(link);
        }
        return links;
    }

    private string LinkValue(SimClass linkClass, JProperty property)
    {
        if (!linkClass.TryGet(property.Name, out var attribute))
            throw new SimError(100, $"Error: {property.Name}: Unknown attribute");
        if (attribute.Kind is not (SimKind.Key or SimKind.Text)) throw ReadOnly(linkClass.Name, property.Name);
        return attribute.Kind == SimKind.Key ? ResolveKey(attribute, property.Value) : ITopSimulationStore.TextOf(property.Value) ?? "";
    }

    /// <summary>The class a write's key designates: an OQL key's class wins over <c>class</c> (recording 47), as for the rights check.</summary>
    private string KeyClass(string className, JToken? key)
    {
        if (key is not { Type: JTokenType.String }) return className;
        var text = ((string?)key ?? "").Trim();
        return text.Length == 0 || long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? className : SimOql.Parse(text, store).ClassName;
    }
}
