namespace Amigo.Plugins.ArenaSso.Tests.Support;

/// <summary>
/// The real iTop lab (scripts/itop-lab.sh; CI exports its variables) and the bridge's deployment of it
/// (tests/itop-lab/arena-web-root.sh: iTop served under the bridge's path, app_root_url = the bridge's URL).
/// </summary>
internal static class ITopLab
{
    private static readonly string[] Required =
        ["AMIGO_ITOP_URL", "AMIGO_ITOP_ARENA_USER", "AMIGO_ITOP_ARENA_PASSWORD", "AMIGO_ITOP_DB_HOST", "AMIGO_ITOP_DB_PORT", "AMIGO_ITOP_DB_NAME", "AMIGO_ITOP_DB_USER", "AMIGO_ITOP_DB_PASSWORD"];

    /// <summary>Null when every lab variable is set; otherwise why the lab tests skip.</summary>
    public static string? Missing { get; } = Required.Where(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))).ToList() is { Count: > 0 } missing
        ? $"No real iTop lab: {string.Join(", ", missing)} not set (eval \"$(scripts/itop-lab.sh env)\")."
        : null;

    public static string Get(string name) => Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException(name + " is not set.");

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Starts (idempotent) iTop under the bridge's path and returns the script's variables.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> StartArenaWebRootAsync()
    {
        var script = Path.Combine(RepositoryRoot, "tests", "itop-lab", "arena-web-root.sh");
        var (code, _, error) = await RunAsync(script, ["start"]);
        if (code != 0) throw new InvalidOperationException($"{script} start failed ({code}): {error}");
        var (_, env, _) = await RunAsync(script, ["env"]);
        return env.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Replace("export ", "", StringComparison.Ordinal).Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('\''));
    }

    /// <summary>Runs an SQL query on iTop's MariaDB with the mysql client the lab installs; tab-separated rows.</summary>
    public static async Task<IReadOnlyList<string[]>> QueryAsync(string sql)
    {
        var (code, output, error) = await RunAsync("mysql",
            ["--protocol=tcp", "-h", Get("AMIGO_ITOP_DB_HOST"), "-P", Get("AMIGO_ITOP_DB_PORT"), "-u", Get("AMIGO_ITOP_DB_USER"),
             "--default-character-set=utf8mb4", "-N", "-B", Get("AMIGO_ITOP_DB_NAME"), "-e", sql],
            ("MYSQL_PWD", Get("AMIGO_ITOP_DB_PASSWORD")));
        if (code != 0) throw new InvalidOperationException($"mysql failed ({code}): {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string file, string[] arguments, params (string, string)[] environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " could not be started.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Amigo.Connector.sln"))) return directory.FullName;
        throw new InvalidOperationException("The repository root (Amigo.Connector.sln) was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that runs against the real iTop lab, skipped only when the lab's variables are absent.</summary>
public sealed class ITopLabFactAttribute : FactAttribute
{
    public ITopLabFactAttribute()
    {
        if (ITopLab.Missing is { } reason) Skip = reason;
    }
}
