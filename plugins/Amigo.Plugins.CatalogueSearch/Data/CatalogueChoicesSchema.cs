using System.Collections.Concurrent;
using Npgsql;

namespace Amigo.Plugins.CatalogueSearch.Data;

/// <summary>
/// The plugin's own table (<c>Migrations/0001_catalogue_choices.sql</c>, an embedded resource). Until the host runs
/// plugin migrations, the plugin applies that idempotent script itself, once per data source, before its first use.
/// </summary>
internal static class CatalogueChoicesSchema
{
    private const string Resource = "Amigo.Plugins.CatalogueSearch.Migrations.0001_catalogue_choices.sql";
    private static readonly ConcurrentDictionary<NpgsqlDataSource, Lazy<Task>> Applied = new();

    /// <summary>The migration's SQL.</summary>
    public static string Sql { get; } = ReadSql();

    public static Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var lazy = Applied.GetOrAdd(dataSource, source => new Lazy<Task>(() => ApplyAsync(source)));
        var task = lazy.Value;
        if (task.IsFaulted) Applied.TryRemove(new KeyValuePair<NpgsqlDataSource, Lazy<Task>>(dataSource, lazy));
        return task.WaitAsync(cancellationToken);
    }

    private static async Task ApplyAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(Sql);
        await command.ExecuteNonQueryAsync();
    }

    private static string ReadSql()
    {
        using var stream = typeof(CatalogueChoicesSchema).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded resource {Resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
