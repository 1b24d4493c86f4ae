namespace Amigo.Connector.Host.Tests;

/// <summary>
/// <c>amigo --help</c> and every <c>amigo … --help</c> work with no configuration at all: the real executable (with
/// its plugins folder) is run as a process from an empty folder, with no <c>Amigo__*</c> variable.
/// </summary>
public sealed class HelpWithoutConfigurationTests
{
    private static readonly string HostOutput = typeof(HelpWithoutConfigurationTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AmigoHostOutput").Value!;

    private static async Task<(int Code, string Output, string Error)> RunAmigoAsync(params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("amigo-help-");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(HostOutput, "amigo.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Amigo", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        folder.Delete(recursive: true);
        return (process.ExitCode, await output, await error);
    }

    public static TheoryData<string[]> HelpCommands() =>
    [
        ["--help"], ["-h"], ["serve", "--help"], ["db", "--help"], ["db", "migrate", "--help"], ["academies", "list", "--help"],
        ["plugins", "enable", "--help"], ["sync", "--help"], ["jobs", "run", "--help"], ["check", "--help"], ["probe", "--help"],
        ["autoclose", "--help"], ["catalogue", "search", "--help"], ["reassign", "--help"], ["report", "--help"],
    ];

    [Theory]
    [MemberData(nameof(HelpCommands))]
    public async Task Help_needs_no_configuration(string[] args)
    {
        var (code, output, error) = await RunAmigoAsync(args);

        Assert.True(code == ExitCodes.Success, $"exit {code}: {error}");
        Assert.Contains("Usage:", output);
        Assert.DoesNotContain("configuration is invalid", output + error);
    }

    [Fact]
    public async Task The_root_help_lists_the_plugins_commands_from_the_plugins_folder()
    {
        var (code, output, _) = await RunAmigoAsync("--help");

        Assert.Equal(ExitCodes.Success, code);
        foreach (var command in new[] { "serve", "db", "sync", "jobs", "check", "probe", "autoclose", "catalogue", "reassign", "report" })
            Assert.Matches($@"(?m)^\s+{command}\b", output);
    }

    [Fact]
    public async Task A_command_that_needs_the_configuration_still_says_what_is_missing()
    {
        var (code, _, error) = await RunAmigoAsync("academies", "list");

        Assert.Equal(ExitCodes.InvalidConfiguration, code);
        Assert.Contains("Amigo:Database:ConnectionString is missing", error);
    }

    [Fact]
    public async Task An_unknown_option_is_an_argument_error_without_configuration()
    {
        var (code, _, error) = await RunAmigoAsync("sync", "--no-such-option");

        Assert.NotEqual(ExitCodes.Success, code);
        Assert.Contains("--no-such-option", error);
        Assert.DoesNotContain("configuration is invalid", error);
    }
}
