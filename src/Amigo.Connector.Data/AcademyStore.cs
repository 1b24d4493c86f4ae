namespace Amigo.Connector.Data;

/// <summary>An academy as recorded in the database (from configuration).</summary>
public sealed record AcademyRow(string AcademyId, string DisplayName, string ITopUrl, string TimeZone);

/// <summary>The <c>academies</c> table, kept in step with the configuration at start-up.</summary>
public sealed class AcademyStore(IConnectorDatabase database, TimeProvider time)
{
    /// <summary>Inserts or updates the configured academies (academies no longer configured are kept: their data stays readable).</summary>
    public async Task UpsertAsync(IEnumerable<AcademyRow> academies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(academies);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var academy in academies)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO academies (academy_id, display_name, itop_url, time_zone, updated_at)
                VALUES (@AcademyId, @DisplayName, @ITopUrl, @TimeZone, @now)
                ON CONFLICT (academy_id) DO UPDATE SET display_name = excluded.display_name, itop_url = excluded.itop_url,
                    time_zone = excluded.time_zone, updated_at = excluded.updated_at
                WHERE (academies.display_name, academies.itop_url, academies.time_zone)
                      IS DISTINCT FROM (excluded.display_name, excluded.itop_url, excluded.time_zone)
                """, new { academy.AcademyId, academy.DisplayName, academy.ITopUrl, academy.TimeZone, now }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Every recorded academy.</summary>
    public async Task<IReadOnlyList<AcademyRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string, string, string, string)>(new CommandDefinition(
            "SELECT academy_id, display_name, itop_url, time_zone FROM academies ORDER BY academy_id", cancellationToken: cancellationToken));
        return rows.Select(r => new AcademyRow(r.Item1, r.Item2, r.Item3, r.Item4)).ToList();
    }
}
