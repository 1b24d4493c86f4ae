namespace Amigo.Connector.Data.Migrations;

/// <summary>Reads migrations shipped as embedded <c>Migrations/NNNN_name.sql</c> resources.</summary>
public static partial class EmbeddedMigrations
{
    /// <summary>The connector's own migrations, in version order.</summary>
    public static IReadOnlyList<Migration> Connector { get; } = FromAssembly(typeof(EmbeddedMigrations).Assembly);

    /// <summary>Every <c>*.Migrations.NNNN_name.sql</c> resource of an assembly, in version order; duplicate versions are an error.</summary>
    public static IReadOnlyList<Migration> FromAssembly(Assembly assembly)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key} in {assembly.GetName().Name}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }

    [GeneratedRegex(@"\.Migrations\.(?<version>\d+)_(?<name>[^.]+)\.sql$")]
    private static partial Regex ResourceName();
}
