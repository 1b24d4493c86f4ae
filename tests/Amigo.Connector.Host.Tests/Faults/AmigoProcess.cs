namespace Amigo.Connector.Host.Tests.Faults;

/// <summary>
/// The built <c>amigo</c> executable (the host's build output, plugins folder included) run as a child process, so a
/// fault point can kill it for real (SIGKILL: no finally block, no lock release, the database session just vanishes).
/// </summary>
internal static class AmigoProcess
{
    /// <summary>Exit code of a process killed by SIGKILL (128 + 9).</summary>
    public const int Killed = 137;

    // The tests' output is artifacts/bin/Amigo.Connector.Host.Tests/{configuration}/; the host's is its sibling.
    private static string Executable => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "Amigo.Connector.Host",
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name, "amigo.dll"));

    /// <summary>
    /// <c>amigo db migrate</c> on the configuration's database: the plugins' tables come from their migrations, which
    /// an operator applies with it (or <c>serve</c> at start) before running jobs from the command line.
    /// </summary>
    public static async Task MigrateAsync(string configFile)
    {
        var migrated = await RunAsync(configFile, null, "db", "migrate");
        Assert.True(migrated.Code == 0, $"amigo db migrate: exit {migrated.Code}: {migrated.Error}");
    }

    public static async Task<(int Code, string Output, string Error)> RunAsync(string configFile, string? faultPoint, params string[] args)
    {
        Assert.True(File.Exists(Executable), $"amigo.dll not found at {Executable}: build src/Amigo.Connector.Host first.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Executable);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configFile);
        start.Environment[EnvironmentFaultPoints.Variable] = faultPoint ?? "";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"amigo {string.Join(' ', args)} did not end within 90 s");
        }
        return (process.ExitCode, await output, await error);
    }
}
