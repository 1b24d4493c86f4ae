namespace Amigo.Connector.ITop.Internal;

/// <summary>Builds <c>json_data</c> for each operation, with the property order of iTop's own examples.</summary>
internal static class ITopRequestJson
{
    public static JObject ListOperations() => new() { ["operation"] = "list_operations" };

    public static JObject CheckCredentials(string user, string password) => new()
    {
        ["operation"] = "core/check_credentials",
        ["user"] = user,
        ["password"] = password,
    };

    public static JObject Get(ITopGetRequest request)
    {
        var json = new JObject
        {
            ["operation"] = "core/get",
            ["class"] = OqlNames.EnsureClass(request.ClassName),
            ["key"] = (request.Key ?? throw new ArgumentException("core/get needs a key.", nameof(request))).ToJson(),
        };
        AddOutputFields(json, request.OutputFields);
        if (request.Limit is { } limit)
        {
            if (limit < 1) throw new ArgumentOutOfRangeException(nameof(request), limit, "limit must be at least 1.");
            json["limit"] = limit;
        }
        if (request.Page is { } page)
        {
            if (page < 1) throw new ArgumentOutOfRangeException(nameof(request), page, "iTop pages start at 1.");
            if (request.Limit is null) throw new ArgumentException("page needs limit.", nameof(request));
            json["page"] = page;
        }
        return json;
    }

    // REST does not enforce the lifecycle (recordings 78 and 93 write 'status' directly and skip its dates and checks):
    // the connector moves tickets with stimuli only.
    private static readonly HashSet<string> LifecycleClasses = new(StringComparer.Ordinal) { "UserRequest", "Incident", "Ticket" };

    public static JObject Create(ITopWrite write)
    {
        EnsureNoStatus(write.ClassName, write.Fields);
        var json = new JObject
        {
            ["operation"] = "core/create",
            ["comment"] = EnsureComment(write.Comment),
            ["class"] = OqlNames.EnsureClass(write.ClassName),
        };
        AddOutputFields(json, write.OutputFields);
        json["fields"] = EnsureFields(write.Fields, "core/create");
        return json;
    }

    public static JObject Update(ITopWrite write)
    {
        EnsureNoStatus(write.ClassName, write.Fields);
        var json = new JObject
        {
            ["operation"] = "core/update",
            ["comment"] = EnsureComment(write.Comment),
            ["class"] = OqlNames.EnsureClass(write.ClassName),
            ["key"] = (write.Key ?? throw new ArgumentException("core/update needs a key.", nameof(write))).ToJson(),
        };
        AddOutputFields(json, write.OutputFields);
        json["fields"] = EnsureFields(write.Fields, "core/update");
        return json;
    }

    public static JObject ApplyStimulus(ITopStimulus stimulus)
    {
        if (string.IsNullOrWhiteSpace(stimulus.StimulusCode) || !stimulus.StimulusCode.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"'{stimulus.StimulusCode}' is not a stimulus code.", nameof(stimulus));
        var json = new JObject
        {
            ["operation"] = "core/apply_stimulus",
            ["comment"] = EnsureComment(stimulus.Comment),
            ["class"] = OqlNames.EnsureClass(stimulus.ClassName),
            ["key"] = (stimulus.Key ?? throw new ArgumentException("core/apply_stimulus needs a key.", nameof(stimulus))).ToJson(),
            ["stimulus"] = stimulus.StimulusCode,
            // iTop refuses a stimulus without 'fields' (code 100), even an empty one.
            ["fields"] = stimulus.Fields?.ToJson() ?? new JObject(),
        };
        AddOutputFields(json, stimulus.OutputFields);
        return json;
    }

    public static JObject Delete(string className, ITopKey key, string comment, bool simulate) => new()
    {
        ["operation"] = "core/delete",
        ["comment"] = EnsureComment(comment),
        ["class"] = OqlNames.EnsureClass(className),
        ["key"] = (key ?? throw new ArgumentNullException(nameof(key))).ToJson(),
        ["simulate"] = simulate,
    };

    public static JObject GetRelated(ITopRelatedRequest request)
    {
        if (request.Direction is not ("up" or "down")) throw new ArgumentException("direction is 'up' or 'down'.", nameof(request));
        if (request.Depth < 1) throw new ArgumentOutOfRangeException(nameof(request), request.Depth, "depth must be at least 1.");
        return new JObject
        {
            ["operation"] = "core/get_related",
            ["class"] = OqlNames.EnsureClass(request.ClassName),
            ["key"] = request.Key.ToJson(),
            ["relation"] = OqlNames.EnsureAttribute(request.Relation),
            ["depth"] = request.Depth,
            ["direction"] = request.Direction,
        };
    }

    private static void EnsureNoStatus(string className, ITopFields? fields)
    {
        if (fields is not null && LifecycleClasses.Contains(className) && fields.Attributes.Contains("status"))
            throw new ArgumentException($"{className}.status is moved by stimuli (core/apply_stimulus), never written directly.", nameof(fields));
    }

    private static string EnsureComment(string? comment) =>
        string.IsNullOrWhiteSpace(comment)
            ? throw new ArgumentException("Every write to iTop carries a comment (iTop records it as the origin of the change).", nameof(comment))
            : comment;

    private static JObject EnsureFields(ITopFields? fields, string operation) =>
        fields is null || fields.IsEmpty ? throw new ArgumentException($"{operation} needs at least one field.", nameof(fields)) : fields.ToJson();

    private static void AddOutputFields(JObject json, IReadOnlyList<string>? outputFields)
    {
        if (outputFields is null || outputFields.Count == 0) return;
        foreach (var field in outputFields)
            if (field is not ("*" or "*+")) OqlNames.EnsureAttribute(field);
        json["output_fields"] = string.Join(",", outputFields);
    }
}
