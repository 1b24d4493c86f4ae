namespace Amigo.Connector.Testing.ITop;

/// <summary>Where the repository's mappings and the shared iTop recordings live, found from the test's output folder.</summary>
public static class ITopTestPaths
{
    /// <summary>
    /// The repository root: the first folder holding Amigo.Connector.sln above <see cref="AppContext.BaseDirectory"/>, or else
    /// above this source file's compile-time location (build output may live outside the clone, see AMIGO_ARTIFACTS).
    /// </summary>
    public static string RepositoryRoot() => FindRoot(AppContext.BaseDirectory) ?? FindRoot(SourceDirectory()) ?? throw new DirectoryNotFoundException(
        $"No Amigo.Connector.sln above {AppContext.BaseDirectory} or {SourceDirectory()}: run the tests from a clone of the repository.");

    private static string? FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Amigo.Connector.sln"))) return directory.FullName;
        return null;
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? "";

    /// <summary>The WireMock static mappings folder (<c>mappings/</c>, one file per recorded answer shape).</summary>
    public static string MappingsDirectory() => Path.Combine(RepositoryRoot(), "mappings");

    /// <summary>
    /// The recordings of a real iTop: <c>&lt;repo&gt;/../shared/itop/recordings</c> (CI keeps <c>shared</c> beside the clone),
    /// or <c>AMIGO_SHARED</c>/itop/recordings. Fails with a clear message when absent.
    /// </summary>
    public static string RecordingsDirectory()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("AMIGO_SHARED") is { Length: > 0 } shared) candidates.Add(Path.Combine(shared, "itop", "recordings"));
        candidates.Add(Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "itop", "recordings")));
        foreach (var candidate in candidates)
            if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.json").Any()) return candidate;
        throw new DirectoryNotFoundException(
            $"The iTop recordings were not found (looked in: {string.Join(", ", candidates)}). Place the shared material beside the clone " +
            "(../shared/itop/recordings) or set AMIGO_SHARED to the folder holding itop/recordings.");
    }
}
