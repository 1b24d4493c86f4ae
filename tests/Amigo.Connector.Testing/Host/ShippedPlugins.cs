namespace Amigo.Connector.Testing.Host;

/// <summary>The plugins the product ships, as the host's build lays them out.</summary>
public static class ShippedPlugins
{
    /// <summary>
    /// The host project's plugins folder (its build copies every plugin there; a test's own output does not hold them),
    /// found beside the test's output: <c>artifacts/bin/Amigo.Connector.Host/{configuration}/plugins</c>.
    /// </summary>
    public static string Folder()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var folder = Path.Combine(testOutput.Parent!.Parent!.FullName, "Amigo.Connector.Host", testOutput.Name, "plugins");
        Assert.True(Directory.Exists(folder), $"The host's plugins folder {folder} does not exist: build src/Amigo.Connector.Host first.");
        return folder;
    }
}
