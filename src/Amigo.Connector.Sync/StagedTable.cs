namespace Amigo.Connector.Sync;

/// <summary>A column copied from an iTop object into a staging table.</summary>
internal sealed record StagedColumn<T>(string Name, NpgsqlDbType Type, Func<T, object?> Read);

/// <summary>
/// A connector table filled from one read of iTop: rows are COPYed (binary) into a temp staging table, then merged
/// with INSERT … ON CONFLICT DO UPDATE that touches only rows whose values changed.
/// </summary>
internal sealed record StagedTable<T>(string Table, IReadOnlyList<string> Keys, IReadOnlyList<StagedColumn<T>> Columns, bool HasSyncedAt = true)
{
    public string Stage => "stage_" + Table;

    public string CreateStageSql => StageSql.Create(Stage, Columns.Select(c => (c.Name, c.Type)));

    public string CopySql => StageSql.Copy(Stage, Columns.Select(c => c.Name));

    /// <summary>Merges the staging rows; returns one row (changed count).</summary>
    public string MergeSql
    {
        get
        {
            var names = Columns.Select(c => c.Name).ToList();
            var values = names.Where(n => !Keys.Contains(n)).ToList();
            var insertColumns = string.Join(", ", names) + (HasSyncedAt ? ", synced_at" : "");
            var select = string.Join(", ", names.Select(n => "s." + n)) + (HasSyncedAt ? ", @now" : "");
            var update = values.Count == 0
                ? "DO NOTHING"
                : $"DO UPDATE SET {string.Join(", ", values.Select(v => $"{v} = excluded.{v}"))}{(HasSyncedAt ? ", synced_at = excluded.synced_at" : "")} " +
                  $"WHERE ({string.Join(", ", values.Select(v => $"{Table}.{v}"))}) IS DISTINCT FROM ({string.Join(", ", values.Select(v => $"excluded.{v}"))})";
            return $"""
                WITH merged AS (
                    INSERT INTO {Table} (academy_id, {insertColumns})
                    SELECT @academy, {select} FROM (SELECT DISTINCT ON ({string.Join(", ", Keys)}) * FROM {Stage}) s
                    ON CONFLICT (academy_id, {string.Join(", ", Keys)}) {update}
                    RETURNING 1)
                SELECT count(*) FROM merged
                """;
        }
    }

    /// <summary>Deletes the rows of the academy absent from the staging table (the read was complete).</summary>
    public string DeleteMissingSql =>
        $"DELETE FROM {Table} t WHERE t.academy_id = @academy AND NOT EXISTS (SELECT 1 FROM {Stage} s WHERE {string.Join(" AND ", Keys.Select(k => $"s.{k} = t.{k}"))})";
}
