namespace Amigo.Connector.Data.Tests;

public sealed class MigrationRunnerTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Fixture_database_has_every_connector_table_and_records_every_migration()
    {
        await using var connection = await postgres.DataSource.OpenConnectionAsync();
        var tables = (await connection.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).ToHashSet();
        Assert.Superset(new HashSet<string> { "academies", "tickets", "catalogue_entries", "service_offers", "organizations", "persons", "teams",
            "team_members", "status_transitions", "sync_watermarks", "job_runs", "audit_log", "plugin_switches", "schema_migrations" }, tables);

        var versions = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(EmbeddedMigrations.Connector.Select(m => m.Version), versions);
    }

    [Fact]
    public async Task Second_run_applies_nothing()
    {
        var result = await new MigrationRunner(postgres.DataSource).MigrateAsync();

        Assert.Empty(result.Applied);
        Assert.Equal(EmbeddedMigrations.Connector.Count, result.AlreadyApplied);
        Assert.Equal(EmbeddedMigrations.Connector[^1].Version, result.CurrentVersion);
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_migration_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync(migrate: false);
        await using var first = NpgsqlDataSource.Create(connectionString);
        await using var second = NpgsqlDataSource.Create(connectionString);
        await using var third = NpgsqlDataSource.Create(connectionString);

        var results = await Task.WhenAll(
            Task.Run(() => new MigrationRunner(first).MigrateAsync()),
            Task.Run(() => new MigrationRunner(second).MigrateAsync()),
            Task.Run(() => new MigrationRunner(third).MigrateAsync()));

        Assert.Equal(EmbeddedMigrations.Connector.Count, results.Sum(r => r.Applied.Count));
        Assert.Single(results, r => r.Applied.Count > 0);
        await using var connection = await first.OpenConnectionAsync();
        Assert.Equal(EmbeddedMigrations.Connector.Count, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Edited_applied_migration_is_reported()
    {
        var connectionString = await postgres.CreateDatabaseAsync(migrate: false);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new MigrationRunner(dataSource, [new Migration(1, "first", "CREATE TABLE t (a int);")]).MigrateAsync();

        var edited = new MigrationRunner(dataSource, [new Migration(1, "first", "CREATE TABLE t (a bigint);")]);

        var error = await Assert.ThrowsAsync<MigrationChecksumException>(() => edited.MigrateAsync());
        Assert.Contains("0001_first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_migration_leaves_nothing_behind_and_names_itself()
    {
        var connectionString = await postgres.CreateDatabaseAsync(migrate: false);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var runner = new MigrationRunner(dataSource, [
            new Migration(1, "good", "CREATE TABLE good (a int);"),
            new Migration(2, "bad", "CREATE TABLE half (a int); SELECT * FROM no_such_table;"),
        ]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.MigrateAsync());

        Assert.Contains("0002_bad", error.Message, StringComparison.Ordinal);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.True(await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('good') IS NOT NULL"));
        Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('half') IS NOT NULL"));
        Assert.Equal(new[] { 1 }, await connection.QueryAsync<int>("SELECT version FROM schema_migrations"));
    }
}
