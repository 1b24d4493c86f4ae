namespace Amigo.Plugins.Reporting.Http;

/// <summary>The dashboard's files, embedded in the plugin (academies' data centres have no internet: no CDN).</summary>
public static class DashboardAssets
{
    private const string Prefix = "Amigo.Plugins.Reporting.Dashboard.";
    private static readonly ConcurrentDictionary<string, byte[]?> Cache = new(StringComparer.Ordinal);

    /// <summary>Names of the embedded files, e.g. <c>dashboard.js</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(DashboardAssets).Assembly.GetManifestResourceNames()
        .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(name => name[Prefix.Length..])
        .ToList();

    /// <summary>The bytes of an embedded file, or null when there is none by that name.</summary>
    public static byte[]? Find(string name) => Cache.GetOrAdd(name, static key =>
    {
        if (!Names.Contains(key))
            return null;
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream(Prefix + key)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    });

    /// <summary>The content type of a file by its extension.</summary>
    public static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
