namespace Amigo.Connector.Data;

/// <summary>Incremental sync position of one (academy, iTop class).</summary>
/// <param name="LastUpdateLocal">Highest iTop <c>last_update</c> committed, in iTop's own local-time text; null before the first sync.</param>
/// <param name="LastFullSyncAt">End of the last full sync.</param>
/// <param name="LastReconciledAt">End of the last key reconciliation (deleted objects detection).</param>
/// <param name="IdWindow">Id-window width the last full read completed with (the sync halves windows iTop cannot serve); null before.</param>
public sealed record Watermark(string? LastUpdateLocal, DateTimeOffset? LastFullSyncAt, DateTimeOffset? LastReconciledAt, int? IdWindow = null);

/// <summary>The <c>sync_watermarks</c> table. Writes take the caller's connection and transaction so a watermark moves only with the data it covers.</summary>
public sealed class WatermarkStore(IConnectorDatabase database)
{
    /// <summary>The position of (academy, class), or an empty one.</summary>
    public async Task<Watermark> GetAsync(string academyId, string itopClass, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, academyId, itopClass, cancellationToken);
    }

    /// <summary>The position of (academy, class) read on <paramref name="connection"/>.</summary>
    public static async Task<Watermark> GetAsync(NpgsqlConnection connection, string academyId, string itopClass, CancellationToken cancellationToken = default)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string? LastUpdateLocal, DateTime? LastFull, DateTime? LastReconciled, int? IdWindow)>(new CommandDefinition(
            "SELECT last_update_local, last_full_sync_at, last_reconciled_at, id_window FROM sync_watermarks WHERE academy_id = @academyId AND itop_class = @itopClass",
            new { academyId, itopClass }, cancellationToken: cancellationToken));
        return new Watermark(row.LastUpdateLocal, Utc(row.LastFull), Utc(row.LastReconciled), row.IdWindow);
    }

    /// <summary>Every position of an academy, by class.</summary>
    public async Task<IReadOnlyDictionary<string, Watermark>> ListAsync(string academyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Class, string? LastUpdateLocal, DateTime? LastFull, DateTime? LastReconciled)>(new CommandDefinition(
            "SELECT itop_class, last_update_local, last_full_sync_at, last_reconciled_at FROM sync_watermarks WHERE academy_id = @academyId",
            new { academyId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Class, r => new Watermark(r.LastUpdateLocal, Utc(r.LastFull), Utc(r.LastReconciled)));
    }

    /// <summary>
    /// Moves the position forward (never back: the greater of the stored and given local times is kept — iTop's
    /// fixed-width <c>YYYY-MM-DD HH:MM:SS</c> sorts as text). Null arguments keep the stored values; <paramref name="now"/> (the host's clock) stamps the row.
    /// </summary>
    public static Task AdvanceAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string academyId, string itopClass,
        string? lastUpdateLocal, DateTimeOffset? fullSyncAt, DateTimeOffset? reconciledAt, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO sync_watermarks AS w (academy_id, itop_class, last_update_local, last_full_sync_at, last_reconciled_at, updated_at)
            VALUES (@academyId, @itopClass, @lastUpdateLocal, @fullSyncAt, @reconciledAt, @now)
            ON CONFLICT (academy_id, itop_class) DO UPDATE SET
                last_update_local  = CASE WHEN w.last_update_local IS NULL OR excluded.last_update_local > w.last_update_local
                                          THEN COALESCE(excluded.last_update_local, w.last_update_local) ELSE w.last_update_local END,
                last_full_sync_at  = COALESCE(excluded.last_full_sync_at, w.last_full_sync_at),
                last_reconciled_at = COALESCE(excluded.last_reconciled_at, w.last_reconciled_at),
                updated_at         = excluded.updated_at
            """,
            new { academyId, itopClass, lastUpdateLocal, fullSyncAt, reconciledAt, now }, transaction, cancellationToken: cancellationToken));

    /// <summary>Forgets the positions of an academy (the next sync is a full one).</summary>
    public async Task ResetAsync(string academyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM sync_watermarks WHERE academy_id = @academyId", new { academyId }, cancellationToken: cancellationToken));
    }

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
