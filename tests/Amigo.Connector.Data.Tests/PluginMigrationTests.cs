namespace Amigo.Connector.Data.Tests;

/// <summary>A plugin's migrations go through the one runner: after the connector's, numbered by the plugin, checksummed.</summary>
public sealed class PluginMigrationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static PluginMigrations Notes(params Migration[] migrations) => new("notes", migrations);

    private static readonly Migration NotesTable = new(1, "notes", "CREATE TABLE notes (academy_id text REFERENCES academies (academy_id), body text);");
    private static readonly Migration NotesAuthor = new(2, "author", "ALTER TABLE notes ADD COLUMN author text;");

    [Fact]
    public async Task Plugin_migrations_run_after_the_connector_ones_and_are_recorded_under_the_plugin_id()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(migrate: false));
        // The plugin's table references a connector table: it only works when the connector's migrations come first.
        var result = await new MigrationRunner(dataSource, plugins: [Notes(NotesAuthor, NotesTable)]).MigrateAsync();

        Assert.Equal([.. EmbeddedMigrations.Connector.Select(m => m.Label), "notes/0001_notes", "notes/0002_author"], result.Applied.Select(m => m.Label));
        Assert.Equal(EmbeddedMigrations.Connector[^1].Version, result.CurrentVersion);
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(string Plugin, int Version, string Checksum)>(
            "SELECT plugin, version, checksum FROM schema_migrations WHERE plugin <> '' ORDER BY version")).ToList();
        Assert.Equal([("notes", 1, NotesTable.Checksum), ("notes", 2, NotesAuthor.Checksum)], rows);
        // The plugin's version 1 and the connector's version 1 are different rows.
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_migrations WHERE version = 1"));
        Assert.True(await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('notes') IS NOT NULL"));
    }

    [Fact]
    public async Task Second_run_applies_nothing_and_a_new_plugin_migration_alone()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(migrate: false));
        await new MigrationRunner(dataSource, plugins: [Notes(NotesTable)]).MigrateAsync();

        var again = await new MigrationRunner(dataSource, plugins: [Notes(NotesTable)]).MigrateAsync();
        var upgraded = await new MigrationRunner(dataSource, plugins: [Notes(NotesTable, NotesAuthor)]).MigrateAsync();

        Assert.Empty(again.Applied);
        Assert.Equal(EmbeddedMigrations.Connector.Count + 1, again.AlreadyApplied);
        Assert.Equal(["notes/0002_author"], upgraded.Applied.Select(m => m.Label));
    }

    [Fact]
    public async Task Edited_plugin_migration_is_refused_before_anything_runs()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(migrate: false));
        await new MigrationRunner(dataSource, plugins: [Notes(NotesTable)]).MigrateAsync();

        var edited = new MigrationRunner(dataSource, plugins: [Notes(NotesTable with { Sql = "CREATE TABLE notes (body text);" }, NotesAuthor)]);

        var error = await Assert.ThrowsAsync<MigrationChecksumException>(() => edited.MigrateAsync());
        Assert.Equal(["notes/0001_notes"], error.Changed.Select(m => m.Label));
        Assert.Contains("notes/0001_notes", error.Message, StringComparison.Ordinal);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'author')"));
    }

    [Fact]
    public async Task Failing_plugin_migration_names_the_plugin_and_keeps_what_ran_before()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(migrate: false));
        var runner = new MigrationRunner(dataSource, plugins: [Notes(NotesTable, new Migration(2, "bad", "ALTER TABLE no_such_table ADD COLUMN a int;"))]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.MigrateAsync());

        Assert.Contains("notes/0002_bad", error.Message, StringComparison.Ordinal);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal([1], await connection.QueryAsync<int>("SELECT version FROM schema_migrations WHERE plugin = 'notes'"));
    }

    [Fact]
    public async Task Status_lists_pending_plugin_migrations()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());

        var (applied, pending) = await new MigrationRunner(dataSource, plugins: [Notes(NotesTable)]).StatusAsync();

        Assert.All(applied, a => Assert.Null(a.Plugin));
        Assert.Equal(["notes/0001_notes"], pending.Select(m => m.Label));
    }

    [Fact]
    public async Task A_database_of_a_build_before_plugin_migrations_is_upgraded_and_its_rows_stay_the_connectors()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync(migrate: false));
        var first = EmbeddedMigrations.Connector[0];
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            // schema_migrations as the runner created and filled it before plugins had migrations.
            await connection.ExecuteAsync("""
                CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL);
                """);
            await connection.ExecuteAsync(first.Sql);
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, checksum, applied_by) VALUES (@Version, @Name, @Checksum, 'old')",
                new { first.Version, first.Name, first.Checksum });
        }

        var status = await new MigrationRunner(dataSource, plugins: [Notes(NotesTable)]).StatusAsync();
        var result = await new MigrationRunner(dataSource, plugins: [Notes(NotesTable)]).MigrateAsync();

        Assert.Equal([first.Label], status.Applied.Select(a => a.Label));
        Assert.Equal([.. EmbeddedMigrations.Connector.Skip(1).Select(m => m.Label), "notes/0001_notes"], result.Applied.Select(m => m.Label));
        await using var check = await dataSource.OpenConnectionAsync();
        Assert.Equal(["", "notes"], await check.QueryAsync<string>("SELECT DISTINCT plugin FROM schema_migrations WHERE version = 1 ORDER BY 1"));
        Assert.Equal(["plugin", "version"], await check.QueryAsync<string>("""
            SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = 'schema_migrations'::regclass AND i.indisprimary ORDER BY a.attname
            """));
    }
}
