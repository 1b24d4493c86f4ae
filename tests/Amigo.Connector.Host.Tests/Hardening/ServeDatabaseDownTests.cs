namespace Amigo.Connector.Host.Tests.Hardening;

/// <summary><c>amigo serve</c> with the database down: one line and exit code 5, after retrying when configured to wait.</summary>
public sealed class ServeDatabaseDownTests
{
    private static async Task<(int Code, string[] ErrorLines)> ServeAsync(Dictionary<string, string?> configuration)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ConnectorCli.RunAsync(["serve"], options =>
        {
            options.ScanPluginsFolder = false;
            options.PluginAssemblies.Add(typeof(CountingPlugin).Assembly);
            options.ConfigureWebHost = web => web.UseTestServer();
            foreach (var (key, value) in configuration) options.Configuration[key] = value;
        }, output, error);
        return (code, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Without_waiting_it_prints_one_line_and_exits_5()
    {
        var (code, lines) = await ServeAsync(TestHosts.Configuration(TestHosts.NoDatabase, "serve"));
        Assert.Equal(ExitCodes.DatabaseUnavailable, code);
        var line = Assert.Single(lines);
        Assert.StartsWith("The database cannot be reached:", line);
    }

    [Fact]
    public async Task Configured_to_wait_it_retries_then_gives_up_with_exit_5()
    {
        var configuration = TestHosts.Configuration(TestHosts.NoDatabase, "serve");
        configuration["Amigo:Database:WaitOnStart"] = "00:00:05";
        var (code, lines) = await ServeAsync(configuration);
        Assert.Equal(ExitCodes.DatabaseUnavailable, code);
        Assert.True(lines.Length >= 2, string.Join('\n', lines));
        Assert.All(lines[..^1], line => Assert.Contains("retrying until", line));
        Assert.StartsWith("The database cannot be reached:", lines[^1]);
        Assert.DoesNotContain("retrying", lines[^1]);
    }
}
