namespace Amigo.Connector.Data.Migrations;

/// <summary>What a migration run did.</summary>
/// <param name="Applied">Migrations applied by this run, in order.</param>
/// <param name="AlreadyApplied">How many were already applied (by this or another host).</param>
/// <param name="CurrentVersion">The database's version (the connector's own migrations) after the run (0 for an empty database).</param>
/// <param name="UnknownVersions">Connector versions applied to the database that this build does not ship (a newer connector migrated it).</param>
public sealed record MigrationResult(
    IReadOnlyList<Migration> Applied,
    int AlreadyApplied,
    int CurrentVersion,
    IReadOnlyList<int> UnknownVersions);

/// <summary>An applied migration whose SQL has changed since it was applied: the database and the code disagree.</summary>
public sealed class MigrationChecksumException(IReadOnlyList<Migration> changed)
    : Exception($"Applied migration(s) were edited after being applied: {string.Join(", ", changed.Select(m => m.Label))}. " +
                "Never edit an applied migration; add a new one instead (or restore the original file).")
{
    /// <summary>The migrations whose checksum differs from the recorded one.</summary>
    public IReadOnlyList<Migration> Changed { get; } = changed;
}
