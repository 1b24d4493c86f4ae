namespace Amigo.Connector.Data;

/// <summary>A run-time plugin switch (CLI/HTTP); it wins over the configuration file until cleared.</summary>
public sealed record PluginSwitch(string AcademyId, string PluginId, bool Enabled, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>
/// The <c>plugin_switches</c> table. Every change raises <see cref="Changed"/> in this process and a PostgreSQL
/// notification on <see cref="Channel"/> for the other processes and hosts, so cached enabled checks are dropped.
/// The notification carries <see cref="Origin"/>, so this process's listener can skip its own changes (already
/// brought by <see cref="Changed"/>) instead of dropping the cache a second time.
/// </summary>
public sealed class PluginSwitchStore(IConnectorDatabase database, TimeProvider time)
{
    /// <summary>The <c>NOTIFY</c> channel of switch changes (payload: the <see cref="Origin"/> of the store that changed one).</summary>
    public const string Channel = "amigo_plugin_switches";

    /// <summary>Raised after a switch changed through this store.</summary>
    public event Action? Changed;

    /// <summary>This store's id, the payload of its notifications: unique per store, so per process.</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Enables or disables a plugin for an academy at run time.</summary>
    public async Task SetAsync(string academyId, string pluginId, bool enabled, string changedBy, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO plugin_switches (academy_id, plugin_id, enabled, changed_by, changed_at)
            VALUES (@academyId, @pluginId, @enabled, @changedBy, @now)
            ON CONFLICT (academy_id, plugin_id) DO UPDATE SET enabled = excluded.enabled, changed_by = excluded.changed_by, changed_at = excluded.changed_at;
            SELECT pg_notify('{Channel}', @origin);
            """, new { academyId, pluginId, enabled, changedBy, now = time.GetUtcNow(), origin = Origin }, cancellationToken: cancellationToken));
        Changed?.Invoke();
    }

    /// <summary>The switch of (academy, plugin), or null when only the configuration decides.</summary>
    public async Task<PluginSwitch?> GetAsync(string academyId, string pluginId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await QueryAsync(connection, "WHERE academy_id = @academyId AND plugin_id = @pluginId", new { academyId, pluginId }, cancellationToken);
        return rows.FirstOrDefault();
    }

    /// <summary>Every switch, optionally of one academy.</summary>
    public async Task<IReadOnlyList<PluginSwitch>> ListAsync(string? academyId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await QueryAsync(connection, "WHERE @academyId::text IS NULL OR academy_id = @academyId", new { academyId }, cancellationToken);
    }

    /// <summary>Removes the switch so the configuration file decides again. Returns whether one existed.</summary>
    public async Task<bool> ClearAsync(string academyId, string pluginId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var removed = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            WITH removed AS (DELETE FROM plugin_switches WHERE academy_id = @academyId AND plugin_id = @pluginId RETURNING 1)
            SELECT count(*) FROM removed, LATERAL (SELECT pg_notify('{Channel}', @origin)) AS notified
            """, new { academyId, pluginId, origin = Origin }, cancellationToken: cancellationToken)) > 0;
        Changed?.Invoke();
        return removed;
    }

    private static async Task<IReadOnlyList<PluginSwitch>> QueryAsync(Npgsql.NpgsqlConnection connection, string where, object parameters, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string AcademyId, string PluginId, bool Enabled, string ChangedBy, DateTime ChangedAt)>(new CommandDefinition(
            $"SELECT academy_id, plugin_id, enabled, changed_by, changed_at FROM plugin_switches {where} ORDER BY academy_id, plugin_id",
            parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new PluginSwitch(r.AcademyId, r.PluginId, r.Enabled, r.ChangedBy, new DateTimeOffset(DateTime.SpecifyKind(r.ChangedAt, DateTimeKind.Utc)))).ToList();
    }
}
