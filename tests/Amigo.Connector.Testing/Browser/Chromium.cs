namespace Amigo.Connector.Testing.Browser;

/// <summary>Debian's chromium for the end-to-end tests: installed with apt-get when missing (Playwright downloads nothing).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (File.Exists(ExecutablePath))
                return;
            if (await AptGetAsync("install -y -q chromium") != 0 && (await AptGetAsync("update -q") != 0 || await AptGetAsync("install -y -q chromium") != 0))
                throw new InvalidOperationException($"{ExecutablePath} is missing and 'apt-get install chromium' failed (root and Debian's package mirror are needed).");
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<int> AptGetAsync(string arguments)
    {
        var start = new ProcessStartInfo("apt-get", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("apt-get could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(output, error);
        return process.ExitCode;
    }
}
