namespace Amigo.Connector.Host.Configuration;

/// <summary>Reads a secret given in clear, in a file or in an environment variable (first one set wins, in that order).</summary>
internal static class SecretReader
{
    /// <summary>The secret, or null with a problem saying which source failed.</summary>
    public static string? Read(string? clear, string? file, string? environmentVariable, string baseDirectory, string settingPath, out string? problem)
    {
        problem = null;
        if (!string.IsNullOrEmpty(clear)) return clear;
        if (!string.IsNullOrWhiteSpace(file))
        {
            var path = Path.GetFullPath(file, baseDirectory);
            if (!File.Exists(path))
            {
                problem = $"{settingPath}File '{file}' does not exist (looked for {path}).";
                return null;
            }
            var text = File.ReadAllText(path).Trim();
            if (text.Length == 0) problem = $"{settingPath}File '{file}' is empty.";
            return text.Length == 0 ? null : text;
        }
        if (!string.IsNullOrWhiteSpace(environmentVariable))
        {
            var value = Environment.GetEnvironmentVariable(environmentVariable);
            if (string.IsNullOrEmpty(value)) problem = $"{settingPath}EnvironmentVariable names '{environmentVariable}', which is not set.";
            return string.IsNullOrEmpty(value) ? null : value;
        }
        problem = $"{settingPath} is missing: give {Leaf(settingPath)}File or {Leaf(settingPath)}EnvironmentVariable (or {Leaf(settingPath)} for a local trial).";
        return null;
    }

    private static string Leaf(string path) => path[(path.LastIndexOf(':') + 1)..];
}
