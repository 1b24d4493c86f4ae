namespace Amigo.Connector.ITop;

/// <summary>
/// Field values for a create, update or stimulus. Case logs can only be appended to: a whole-log value
/// (<c>{"items":[…]}</c>) would replace the journal and is refused.
/// </summary>
public sealed class ITopFields
{
    private static readonly HashSet<string> StockCaseLogs = new(StringComparer.Ordinal) { "public_log", "private_log" };
    private readonly JObject _values = new();
    private readonly HashSet<string> _caseLogs;

    /// <summary>Creates an empty set of fields; <paramref name="extraCaseLogs"/> names an academy's own case-log attributes.</summary>
    public ITopFields(IEnumerable<string>? extraCaseLogs = null) =>
        _caseLogs = extraCaseLogs is null ? StockCaseLogs : new HashSet<string>(StockCaseLogs.Concat(extraCaseLogs), StringComparer.Ordinal);

    /// <summary>Sets a scalar attribute (text, number, enum code, date text).</summary>
    public ITopFields Set(string attribute, string? value) => SetToken(attribute, value is null ? JValue.CreateNull() : new JValue(value));

    /// <summary>Sets a numeric attribute.</summary>
    public ITopFields Set(string attribute, long value) => SetToken(attribute, new JValue(value));

    /// <summary>Sets an external key to an id, an OQL query or a search specification.</summary>
    public ITopFields SetKey(string attribute, ITopKey key) => SetToken(attribute, key.ToJson());

    /// <summary>
    /// Sets a linked set (e.g. <c>UserExternal.profile_list</c>) to exactly <paramref name="items"/>, each item an object of
    /// the link class whose external keys may be search specifications. This replaces iTop's whole set: read it first.
    /// </summary>
    public ITopFields SetLinkedSet(string attribute, IEnumerable<JObject> items) =>
        SetToken(attribute, new JArray(items.Select(item => item.DeepClone())));

    /// <summary>Appends one entry to a case log.</summary>
    public ITopFields AppendToLog(string attribute, string message, CaseLogFormat format = CaseLogFormat.Text)
    {
        OqlNames.EnsureAttribute(attribute);
        if (!_caseLogs.Contains(attribute))
            throw new ArgumentException($"'{attribute}' is not a case log.", nameof(attribute));
        if (string.IsNullOrWhiteSpace(message))
            throw new ArgumentException("A case-log entry needs a message.", nameof(message));
        if (_values.ContainsKey(attribute))
            throw new InvalidOperationException($"'{attribute}' already has an entry in this write; iTop takes one per call.");
        _values[attribute] = new JObject
        {
            ["add_item"] = new JObject
            {
                ["message"] = message,
                ["format"] = format == CaseLogFormat.Html ? "html" : "text",
            },
        };
        return this;
    }

    /// <summary>Whether no field is set.</summary>
    public bool IsEmpty => _values.Count == 0;

    /// <summary>The attribute codes set.</summary>
    public IEnumerable<string> Attributes => _values.Properties().Select(p => p.Name);

    /// <summary>The JSON object sent as <c>fields</c>.</summary>
    public JObject ToJson() => (JObject)_values.DeepClone();

    private ITopFields SetToken(string attribute, JToken value)
    {
        OqlNames.EnsureAttribute(attribute);
        if (_caseLogs.Contains(attribute))
            throw new ArgumentException($"'{attribute}' is a case log: use AppendToLog, a plain value could replace or corrupt the journal.", nameof(attribute));
        _values[attribute] = value;
        return this;
    }
}
