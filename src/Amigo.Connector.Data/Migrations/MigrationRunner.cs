namespace Amigo.Connector.Data.Migrations;

/// <summary>
/// Applies versioned SQL migrations, each in its own transaction, recording them in <c>schema_migrations</c>: the
/// connector's own first, then each plugin's (<see cref="PluginMigrations"/>), recorded under the plugin id.
/// Several hosts may start at once: the run holds the advisory lock <see cref="AdvisoryLockNames.Migrations"/>, so one
/// host migrates while the others wait and then find nothing left to do.
/// </summary>
public sealed class MigrationRunner
{
    // schema_migrations.plugin of the connector's own migrations (plugin ids start with a letter or digit).
    private const string ConnectorOwner = "";

    private readonly NpgsqlDataSource _dataSource;
    private readonly IReadOnlyList<Migration> _connector;
    private readonly IReadOnlyList<PluginMigrations> _plugins;
    private readonly TimeProvider _clock;

    /// <summary>
    /// A runner for the connector's own migrations (or <paramref name="migrations"/> when given) followed by the
    /// migrations of <paramref name="plugins"/>, in the order given; <paramref name="clock"/> stamps <c>applied_at</c>.
    /// </summary>
    public MigrationRunner(NpgsqlDataSource dataSource, IReadOnlyList<Migration>? migrations = null,
        IEnumerable<PluginMigrations>? plugins = null, TimeProvider? clock = null)
    {
        _dataSource = dataSource;
        _connector = (migrations ?? EmbeddedMigrations.Connector).Select(m => m with { Plugin = null }).ToList();
        _plugins = (plugins ?? []).ToList();
        var twice = _plugins.GroupBy(p => p.PluginId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"Migrations of plugin '{twice.Key}' were given twice.", nameof(plugins));
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Every migration this runner knows, in the order it applies them (the connector's, then each plugin's).</summary>
    public IReadOnlyList<Migration> Migrations => [.. _connector, .. _plugins.SelectMany(p => p.Migrations)];

    /// <summary>Applies the pending migrations. Throws <see cref="MigrationChecksumException"/> when an applied one was edited.</summary>
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var held = await AdvisoryLock.AcquireAsync(_dataSource, AdvisoryLockNames.Migrations, cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await EnsureTableAsync(connection, cancellationToken);
        var applied = await ReadAppliedAsync(connection, cancellationToken);
        var all = Migrations;
        CheckChecksums(all, applied);

        var done = new List<Migration>();
        foreach (var migration in all.Where(m => !applied.ContainsKey(KeyOf(m))))
        {
            await ApplyAsync(connection, migration, cancellationToken);
            done.Add(migration);
        }

        var connectorApplied = applied.Values.Where(a => a.Plugin is null).Select(a => a.Version).ToList();
        var known = _connector.Select(m => m.Version).ToHashSet();
        var unknown = connectorApplied.Where(v => !known.Contains(v)).Order().ToList();
        var current = connectorApplied.Concat(done.Where(m => m.Plugin is null).Select(m => m.Version)).DefaultIfEmpty(0).Max();
        var alreadyApplied = applied.Values.Count(a => a.Plugin is null || _plugins.Any(p => p.PluginId == a.Plugin));
        return new MigrationResult(done, alreadyApplied, current, unknown);
    }

    /// <summary>Migrations applied to the database (the connector's and every plugin's) and the ones still pending, without changing anything.</summary>
    public async Task<(IReadOnlyList<AppliedMigration> Applied, IReadOnlyList<Migration> Pending)> StatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass('schema_migrations') IS NOT NULL", cancellationToken: cancellationToken));
        if (!exists)
        {
            return ([], Migrations);
        }

        var applied = await ReadAppliedAsync(connection, cancellationToken);
        return (applied.Values.OrderBy(a => a.Plugin is not null).ThenBy(a => a.Plugin, StringComparer.Ordinal).ThenBy(a => a.Version).ToList(),
            Migrations.Where(m => !applied.ContainsKey(KeyOf(m))).ToList());
    }

    private static (string Owner, int Version) KeyOf(Migration migration) => (migration.Plugin ?? ConnectorOwner, migration.Version);

    // The runner's own bookkeeping table: created here rather than by a migration, and widened here too (the plugin
    // column and the (plugin, version) key arrived with plugin migrations; rows from before are the connector's).
    private static Task EnsureTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                plugin      text NOT NULL DEFAULT '',
                version     integer NOT NULL,
                name        text NOT NULL,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL,
                applied_by  text NOT NULL,
                PRIMARY KEY (plugin, version)
            );
            ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS plugin text NOT NULL DEFAULT '';
            DO $$
            BEGIN
                IF NOT EXISTS (
                    SELECT 1 FROM pg_index i
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                    WHERE i.indrelid = 'schema_migrations'::regclass AND i.indisprimary AND a.attname = 'plugin') THEN
                    ALTER TABLE schema_migrations DROP CONSTRAINT IF EXISTS schema_migrations_pkey;
                    ALTER TABLE schema_migrations ADD PRIMARY KEY (plugin, version);
                END IF;
            END $$;
            """, cancellationToken: cancellationToken));

    private static async Task<Dictionary<(string, int), AppliedMigration>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // to_jsonb reads the plugin column when it is there: a database of a build before plugin migrations has none.
        var rows = await connection.QueryAsync<AppliedMigration>(new CommandDefinition(
            """
            SELECT version AS Version, name AS Name, checksum AS Checksum, applied_at AS AppliedAt, applied_by AS AppliedBy,
                   NULLIF(coalesce(to_jsonb(s) ->> 'plugin', ''), '') AS Plugin
            FROM schema_migrations s
            """,
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => (r.Plugin ?? ConnectorOwner, r.Version));
    }

    private static void CheckChecksums(IReadOnlyList<Migration> migrations, Dictionary<(string, int), AppliedMigration> applied)
    {
        var changed = migrations
            .Where(m => applied.TryGetValue(KeyOf(m), out var a) && !string.Equals(a.Checksum, m.Checksum, StringComparison.Ordinal))
            .ToList();
        if (changed.Count > 0)
        {
            throw new MigrationChecksumException(changed);
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = _clock.GetUtcNow();
        // One clock: SQL that needs the time reads current_setting('amigo.now')::timestamptz, the host's, never now().
        await connection.ExecuteAsync(new CommandDefinition("SELECT set_config('amigo.now', @now, true)",
            new { now = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }, transaction, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken, commandTimeout: 0));
        }
        catch (PostgresException ex)
        {
            throw new InvalidOperationException($"Migration {migration.Label} failed: {ex.MessageText} (SQLSTATE {ex.SqlState}). Nothing of it was applied.", ex);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_migrations (plugin, version, name, checksum, applied_at, applied_by) VALUES (@plugin, @Version, @Name, @Checksum, @at, @by)",
            new { plugin = migration.Plugin ?? ConnectorOwner, migration.Version, migration.Name, migration.Checksum, at = now, by = Environment.MachineName },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>A row of <c>schema_migrations</c>.</summary>
/// <param name="Version">The version, numbered by its owner.</param>
/// <param name="Name">The descriptive name.</param>
/// <param name="Checksum">SHA-256 of the SQL when it was applied.</param>
/// <param name="AppliedAt">When it was applied.</param>
/// <param name="AppliedBy">The host that applied it.</param>
/// <param name="Plugin">The plugin that shipped it, null for the connector's own.</param>
public sealed record AppliedMigration(int Version, string Name, string Checksum, DateTime AppliedAt, string AppliedBy, string? Plugin)
{
    /// <summary>How messages name it (see <see cref="Migration.Label"/>).</summary>
    public string Label => Plugin is null ? $"{Version:D4}_{Name}" : $"{Plugin}/{Version:D4}_{Name}";
}
