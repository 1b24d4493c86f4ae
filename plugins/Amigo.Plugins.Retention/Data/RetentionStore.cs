namespace Amigo.Plugins.Retention.Data;

/// <summary>A closed ticket past the retention period, as the connector's copy has it.</summary>
/// <param name="ITopId">iTop id.</param>
/// <param name="Ref">Reference (<c>R-000433</c>).</param>
/// <param name="CloseDate">Close date (UTC instant).</param>
/// <param name="AnonymisedAt">When its personal data was removed, if already.</param>
public sealed record RetainedTicket(long ITopId, string Ref, DateTimeOffset CloseDate, DateTimeOffset? AnonymisedAt);

/// <summary>A dry run's selection: the tickets a live run may then delete in iTop.</summary>
public sealed record RetentionSelection(long Id, IReadOnlySet<long> ITopIds);

/// <summary>Tickets anonymised and deleted in iTop in one month (academy time zone).</summary>
public sealed record RetentionMonth(DateOnly Month, long Anonymised, long DeletedInITop);

/// <summary>The plugin's SQL: the <c>tickets</c> copy, its retention columns and the dry-run selections (migration 0001).</summary>
public sealed class RetentionStore(IConnectorDatabase database)
{
    /// <summary>The title an anonymised ticket keeps (French: agents may see it in reports).</summary>
    public const string AnonymisedTitle = "(demande anonymisée)";

    /// <summary>
    /// Closed tickets (status in <paramref name="statuses"/>) closed at or before <paramref name="cutoff"/>, still in iTop
    /// as far as the copy knows: those not anonymised yet, plus, when <paramref name="forDeletion"/>, the anonymised ones
    /// retention has not deleted in iTop. Oldest close date first.
    /// </summary>
    public async Task<IReadOnlyList<RetainedTicket>> FindDueAsync(string academyId, IReadOnlyList<string> statuses, DateTimeOffset cutoff,
        bool forDeletion, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT itop_id, ref, close_date, retention_anonymised_at
            FROM tickets
            WHERE academy_id = @academy AND deleted_at IS NULL AND status = ANY(@statuses)
              AND close_date IS NOT NULL AND close_date <= @cutoff
              AND (retention_anonymised_at IS NULL OR (@forDeletion AND retention_itop_deleted_at IS NULL))
            ORDER BY close_date, itop_id
            """;
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ITopId, string Ref, DateTimeOffset CloseDate, DateTimeOffset? AnonymisedAt)>(new CommandDefinition(sql,
            new { academy = academyId, statuses = statuses.ToArray(), cutoff = cutoff.ToUniversalTime(), forDeletion }, cancellationToken: cancellationToken));
        return rows.Select(r => new RetainedTicket(r.ITopId, r.Ref, r.CloseDate, r.AnonymisedAt)).ToList();
    }

    /// <summary>
    /// Removes the personal data of these tickets from the copy (title, requester, agent's name, beneficiary); ids,
    /// dates, team, service, organisation and status stay, so reports keep counting them. Returns the rows anonymised now.
    /// </summary>
    public async Task<IReadOnlyList<long>> AnonymiseAsync(string academyId, IReadOnlyList<long> itopIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE tickets SET title = @title, caller_id = NULL, caller_name = NULL, caller_email = NULL, agent_name = NULL,
                               beneficiary = NULL, retention_anonymised_at = @now
            WHERE academy_id = @academy AND itop_id = ANY(@ids) AND retention_anonymised_at IS NULL
            RETURNING itop_id
            """;
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var done = await connection.QueryAsync<long>(new CommandDefinition(sql,
            new { title = AnonymisedTitle, now = now.ToUniversalTime(), academy = academyId, ids = itopIds.ToArray() }, cancellationToken: cancellationToken));
        return done.AsList();
    }

    /// <summary>Records that retention deleted the ticket in iTop (the row stays, anonymised, for reports).</summary>
    public async Task MarkDeletedInITopAsync(string academyId, long itopId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE tickets SET retention_itop_deleted_at = @now WHERE academy_id = @academy AND itop_id = @id AND retention_itop_deleted_at IS NULL",
            new { now = now.ToUniversalTime(), academy = academyId, id = itopId }, cancellationToken: cancellationToken));
    }

    /// <summary>Saves a dry run's selection; returns its id.</summary>
    public async Task<long> SaveSelectionAsync(string academyId, long? runId, DateTimeOffset now, DateTimeOffset cutoff, IReadOnlyList<long> itopIds,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO retention_selections (academy_id, job_run_id, created_at, cutoff, itop_ids)
            VALUES (@academy, @run, @now, @cutoff, @ids) RETURNING id
            """, new { academy = academyId, run = runId, now = now.ToUniversalTime(), cutoff = cutoff.ToUniversalTime(), ids = itopIds.ToArray() },
            cancellationToken: cancellationToken));
    }

    /// <summary>The academy's latest dry-run selection made at or after <paramref name="notBefore"/>, or null.</summary>
    public async Task<RetentionSelection?> LatestSelectionAsync(string academyId, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, long[] ITopIds)>(new CommandDefinition("""
            SELECT id, itop_ids FROM retention_selections
            WHERE academy_id = @academy AND created_at >= @notBefore
            ORDER BY created_at DESC, id DESC LIMIT 1
            """, new { academy = academyId, notBefore = notBefore.ToUniversalTime() }, cancellationToken: cancellationToken));
        return rows.Select(r => new RetentionSelection(r.Id, r.ITopIds.ToHashSet())).FirstOrDefault();
    }

    /// <summary>
    /// The academy's tickets anonymised and deleted in iTop per month of anonymisation (<c>report_retention_monthly_for</c>,
    /// no team nor period filter), newest first.
    /// </summary>
    public async Task<IReadOnlyList<RetentionMonth>> MonthlyAsync(string academyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(DateOnly Month, long Anonymised, long DeletedInITop)>(new CommandDefinition(
            "SELECT month, anonymised, deleted_in_itop FROM report_retention_monthly_for(@academy, NULL, NULL, NULL) ORDER BY month DESC",
            new { academy = academyId }, cancellationToken: cancellationToken));
        return rows.Select(r => new RetentionMonth(r.Month, r.Anonymised, r.DeletedInITop)).ToList();
    }
}
