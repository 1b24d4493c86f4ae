namespace Amigo.Connector.ITop;

/// <summary>
/// Which object(s) an operation targets, or the value of an external key: an id, an OQL query built by
/// <see cref="Oql"/>, or a search specification (<c>{"name":"HELPDESK"}</c>, nested specs allowed).
/// A key that matches several or no objects is an iTop error (code 100) on writes.
/// </summary>
public abstract class ITopKey
{
    private ITopKey() { }

    /// <summary>The object with this id.</summary>
    public static ITopKey Id(long id) =>
        id > 0 ? new IdKey(id) : throw new ArgumentOutOfRangeException(nameof(id), id, "iTop ids are positive.");

    /// <summary>The objects an OQL query selects (only queries built with escaping are accepted).</summary>
    public static ITopKey Query(OqlQuery query) => new QueryKey(query ?? throw new ArgumentNullException(nameof(query)));

    /// <summary>The object(s) whose attributes equal these values; a value may itself be a nested <see cref="ITopKey"/> search.</summary>
    public static ITopKey Search(IReadOnlyDictionary<string, object?> criteria) =>
        criteria is { Count: > 0 } ? new SearchKey(criteria) : throw new ArgumentException("A search key needs at least one criterion.", nameof(criteria));

    /// <summary>The JSON iTop expects for this key.</summary>
    public abstract JToken ToJson();

    /// <inheritdoc />
    public override string ToString() => ToJson().ToString(Newtonsoft.Json.Formatting.None);

    private sealed class IdKey(long id) : ITopKey
    {
        public override JToken ToJson() => new JValue(id);
    }

    private sealed class QueryKey(OqlQuery query) : ITopKey
    {
        public override JToken ToJson() => new JValue(query.Text);
    }

    private sealed class SearchKey(IReadOnlyDictionary<string, object?> criteria) : ITopKey
    {
        public override JToken ToJson()
        {
            var json = new JObject();
            foreach (var (attribute, value) in criteria)
            {
                OqlNames.EnsureAttribute(attribute);
                json[attribute] = value switch
                {
                    null => JValue.CreateNull(),
                    ITopKey nested => nested.ToJson(),
                    _ => JToken.FromObject(value),
                };
            }
            return json;
        }
    }
}
