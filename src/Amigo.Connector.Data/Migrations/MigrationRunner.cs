using Dapper;
using Npgsql;

namespace Amigo.Connector.Data.Migrations;

/// <summary>
/// Applies versioned SQL migrations, each in its own transaction, recording them in <c>schema_migrations</c>.
/// Several hosts may start at once: the run holds a PostgreSQL session advisory lock on a fixed key, so one
/// host migrates while the others wait and then find nothing left to do.
/// </summary>
public sealed class MigrationRunner
{
    /// <summary>Advisory lock key of migrations (arbitrary, fixed: "amigo-mig" as ASCII).</summary>
    public const long LockKey = 0x616D69676F2D6D69;

    private readonly NpgsqlDataSource _dataSource;
    private readonly IReadOnlyList<Migration> _migrations;

    /// <summary>A runner for the connector's own migrations, or for <paramref name="migrations"/> when given.</summary>
    public MigrationRunner(NpgsqlDataSource dataSource, IReadOnlyList<Migration>? migrations = null)
    {
        _dataSource = dataSource;
        _migrations = migrations ?? EmbeddedMigrations.Connector;
    }

    /// <summary>The migrations this runner knows, in order.</summary>
    public IReadOnlyList<Migration> Migrations => _migrations;

    /// <summary>Applies the pending migrations. Throws <see cref="MigrationChecksumException"/> when an applied one was edited.</summary>
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = LockKey }, cancellationToken: cancellationToken));
        try
        {
            await EnsureTableAsync(connection, cancellationToken);
            var applied = await ReadAppliedAsync(connection, cancellationToken);
            CheckChecksums(applied);

            var done = new List<Migration>();
            foreach (var migration in _migrations.Where(m => !applied.ContainsKey(m.Version)))
            {
                await ApplyAsync(connection, migration, cancellationToken);
                done.Add(migration);
            }

            var known = _migrations.Select(m => m.Version).ToHashSet();
            var unknown = applied.Keys.Where(v => !known.Contains(v)).Order().ToList();
            var current = applied.Keys.Concat(done.Select(m => m.Version)).DefaultIfEmpty(0).Max();
            return new MigrationResult(done, applied.Count, current, unknown);
        }
        finally
        {
            // Unlock even when cancelled, or a pooled connection would keep the lock.
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = LockKey });
        }
    }

    /// <summary>Versions applied to the database and the ones still pending, without changing anything.</summary>
    public async Task<(IReadOnlyList<AppliedMigration> Applied, IReadOnlyList<Migration> Pending)> StatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass('schema_migrations') IS NOT NULL", cancellationToken: cancellationToken));
        if (!exists)
        {
            return ([], _migrations);
        }

        var applied = await ReadAppliedAsync(connection, cancellationToken);
        return (applied.Values.OrderBy(a => a.Version).ToList(), _migrations.Where(m => !applied.ContainsKey(m.Version)).ToList());
    }

    private static Task EnsureTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     integer PRIMARY KEY,
                name        text NOT NULL,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now(),
                applied_by  text NOT NULL
            )
            """, cancellationToken: cancellationToken));

    private static async Task<Dictionary<int, AppliedMigration>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<AppliedMigration>(new CommandDefinition(
            "SELECT version AS Version, name AS Name, checksum AS Checksum, applied_at AS AppliedAt, applied_by AS AppliedBy FROM schema_migrations",
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Version);
    }

    private void CheckChecksums(Dictionary<int, AppliedMigration> applied)
    {
        var changed = _migrations
            .Where(m => applied.TryGetValue(m.Version, out var a) && !string.Equals(a.Checksum, m.Checksum, StringComparison.Ordinal))
            .ToList();
        if (changed.Count > 0)
        {
            throw new MigrationChecksumException(changed);
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken, commandTimeout: 0));
        }
        catch (PostgresException ex)
        {
            throw new InvalidOperationException($"Migration {migration.Version:D4}_{migration.Name} failed: {ex.MessageText} (SQLSTATE {ex.SqlState}). Nothing of it was applied.", ex);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_migrations (version, name, checksum, applied_by) VALUES (@Version, @Name, @Checksum, @by)",
            new { migration.Version, migration.Name, migration.Checksum, by = Environment.MachineName },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>A row of <c>schema_migrations</c>.</summary>
public sealed record AppliedMigration(int Version, string Name, string Checksum, DateTime AppliedAt, string AppliedBy);
