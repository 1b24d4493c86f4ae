namespace Amigo.Connector.Host.Configuration;

/// <summary>
/// Reads <c>Amigo:Academies:{id}:Lifecycle</c>: a built-in profile name (<c>"itop-stock"</c> or
/// <c>{ "Profile": "itop-stock" }</c>), a JSON file (<c>{ "File": "profiles/amigo-lifecycle.json" }</c>) or an inline
/// profile (<c>Name</c>, <c>Statuses</c>: code → group, <c>StatusLabels</c>, <c>Actions</c>: action → Stimulus,
/// RequiredFields, FromStatuses). An absent section means <c>itop-stock</c>.
/// </summary>
internal static class LifecycleProfileReader
{
    public static LifecycleProfile? Read(IConfigurationSection section, string baseDirectory, List<string> problems, string where)
    {
        var path = section.Path;
        if (section.Value is { } name) return BuiltIn(name, path, problems, where);
        if (!section.GetChildren().Any()) return BuiltInProfiles.Stock;
        if (section["Profile"] is { } profile) return BuiltIn(profile, path + ":Profile", problems, where);
        if (section["File"] is { } file)
        {
            var fullPath = Path.GetFullPath(file, baseDirectory);
            if (!File.Exists(fullPath))
            {
                problems.Add($"{where}: {path}:File '{file}' does not exist (looked for {fullPath}).");
                return null;
            }
            IConfigurationRoot fileConfiguration;
            try
            {
                fileConfiguration = new ConfigurationBuilder().AddJsonFile(fullPath, optional: false, reloadOnChange: false).Build();
            }
            catch (Exception exception) when (exception is FormatException or InvalidDataException or IOException)
            {
                problems.Add($"{where}: {path}:File '{file}' is not valid JSON: {exception.Message}");
                return null;
            }
            var root = fileConfiguration.GetSection("Lifecycle").Exists() ? fileConfiguration.GetSection("Lifecycle") : (IConfiguration)fileConfiguration;
            return Inline(root, Path.GetFileNameWithoutExtension(file), $"{path}:File '{file}'", problems, where);
        }
        return Inline(section, "custom", path, problems, where);
    }

    private static LifecycleProfile? BuiltIn(string name, string path, List<string> problems, string where)
    {
        if (string.Equals(name, BuiltInProfiles.StockName, StringComparison.OrdinalIgnoreCase)) return BuiltInProfiles.Stock;
        problems.Add($"{where}: {path} names an unknown lifecycle profile '{name}' (built-in: {BuiltInProfiles.StockName}; or give File or an inline profile).");
        return null;
    }

    private static LifecycleProfile? Inline(IConfiguration section, string defaultName, string path, List<string> problems, string where)
    {
        var before = problems.Count;
        var statuses = new Dictionary<string, StatusGroup>(StringComparer.Ordinal);
        foreach (var status in section.GetSection("Statuses").GetChildren())
        {
            if (Enum.TryParse<StatusGroup>(status.Value, ignoreCase: true, out var group) && !int.TryParse(status.Value, out _))
                statuses[status.Key] = group;
            else
                problems.Add($"{where}: {path}:Statuses:{status.Key} has an unknown group '{status.Value}' (expected {string.Join(", ", Enum.GetNames<StatusGroup>())}).");
        }
        if (statuses.Count == 0 && problems.Count == before)
            problems.Add($"{where}: {path}:Statuses is empty: list every status code with its group.");

        var actions = new Dictionary<LogicalAction, LifecycleAction>();
        foreach (var action in section.GetSection("Actions").GetChildren())
        {
            var actionPath = $"{path}:Actions:{action.Key}";
            if (!Enum.TryParse<LogicalAction>(action.Key, ignoreCase: true, out var logical) || int.TryParse(action.Key, out _))
            {
                problems.Add($"{where}: {actionPath} is not a connector action (expected {string.Join(", ", Enum.GetNames<LogicalAction>())}).");
                continue;
            }
            var stimulus = action.Value ?? action["Stimulus"];
            if (string.IsNullOrWhiteSpace(stimulus))
            {
                problems.Add($"{where}: {actionPath}:Stimulus is missing.");
                continue;
            }
            var required = action.GetSection("RequiredFields").GetChildren().Select(c => c.Value!).Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
            var from = action.GetSection("FromStatuses").GetChildren().Select(c => c.Value!).Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
            foreach (var status in from.Where(s => statuses.Count > 0 && !statuses.ContainsKey(s)))
                problems.Add($"{where}: {actionPath}:FromStatuses names an unknown status '{status}' (not in {path}:Statuses).");
            actions[logical] = new LifecycleAction(stimulus, required, from);
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in section.GetSection("StatusLabels").GetChildren())
        {
            if (statuses.Count > 0 && !statuses.ContainsKey(label.Key))
                problems.Add($"{where}: {path}:StatusLabels names an unknown status '{label.Key}' (not in {path}:Statuses).");
            else if (label.Value is { } text) labels[label.Key] = text;
        }

        return problems.Count > before ? null : new LifecycleProfile(section["Name"] ?? defaultName, statuses, actions, labels);
    }
}
