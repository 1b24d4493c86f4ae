namespace Amigo.Plugins.Retention.Data;

/// <summary>A closed ticket past the retention period, as the connector's copy has it.</summary>
/// <param name="ITopId">iTop id.</param>
/// <param name="Ref">Reference (<c>R-000433</c>).</param>
/// <param name="Status">Status code.</param>
/// <param name="CloseDate">Close date (UTC instant).</param>
/// <param name="AnonymisedAt">When its personal data was removed, if already.</param>
public sealed record RetainedTicket(long ITopId, string Ref, string Status, DateTimeOffset CloseDate, DateTimeOffset? AnonymisedAt);

/// <summary>A dry run's selection: the tickets a live run may then delete in iTop.</summary>
public sealed record RetentionSelection(long Id, DateTimeOffset CreatedAt, DateTimeOffset Cutoff, IReadOnlySet<long> ITopIds);

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
            SELECT itop_id, ref, status, close_date, retention_anonymised_at
            FROM tickets
            WHERE academy_id = @academy AND deleted_at IS NULL AND status = ANY(@statuses)
              AND close_date IS NOT NULL AND close_date <= @cutoff
              AND (retention_anonymised_at IS NULL OR (@forDeletion AND retention_itop_deleted_at IS NULL))
            ORDER BY close_date, itop_id
            """;
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.Add(new NpgsqlParameter("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = statuses.ToArray() });
        command.Parameters.AddWithValue("cutoff", cutoff.ToUniversalTime());
        command.Parameters.AddWithValue("forDeletion", forDeletion);
        var result = new List<RetainedTicket>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            result.Add(new RetainedTicket(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        return result;
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
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("title", AnonymisedTitle);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.AddWithValue("ids", itopIds.ToArray());
        var done = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) done.Add(reader.GetInt64(0));
        return done;
    }

    /// <summary>Records that retention deleted the ticket in iTop (the row stays, anonymised, for reports).</summary>
    public async Task MarkDeletedInITopAsync(string academyId, long itopId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "UPDATE tickets SET retention_itop_deleted_at = @now WHERE academy_id = @academy AND itop_id = @id AND retention_itop_deleted_at IS NULL");
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.AddWithValue("id", itopId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Saves a dry run's selection; returns its id.</summary>
    public async Task<long> SaveSelectionAsync(string academyId, long? runId, DateTimeOffset now, DateTimeOffset cutoff, IReadOnlyList<long> itopIds,
        CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            INSERT INTO retention_selections (academy_id, job_run_id, created_at, cutoff, itop_ids)
            VALUES (@academy, @run, @now, @cutoff, @ids) RETURNING id
            """);
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.AddWithValue("run", NpgsqlDbType.Bigint, runId is { } id ? id : DBNull.Value);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("cutoff", cutoff.ToUniversalTime());
        command.Parameters.AddWithValue("ids", itopIds.ToArray());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The academy's latest dry-run selection made at or after <paramref name="notBefore"/>, or null.</summary>
    public async Task<RetentionSelection?> LatestSelectionAsync(string academyId, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT id, created_at, cutoff, itop_ids FROM retention_selections
            WHERE academy_id = @academy AND created_at >= @notBefore
            ORDER BY created_at DESC, id DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.AddWithValue("notBefore", notBefore.ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new RetentionSelection(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
            reader.GetFieldValue<long[]>(3).ToHashSet());
    }

    /// <summary>
    /// Tickets anonymised and deleted in iTop per month of anonymisation (<c>report_retention_monthly_for</c>), newest
    /// first; optionally of one team, anonymised from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).
    /// </summary>
    public async Task<IReadOnlyList<RetentionMonth>> MonthlyAsync(string academyId, CancellationToken cancellationToken, long? teamId = null,
        DateOnly? from = null, DateOnly? to = null)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT month, anonymised, deleted_in_itop FROM report_retention_monthly_for(@academy, @team, @from, @to) ORDER BY month DESC");
        command.Parameters.AddWithValue("academy", academyId);
        command.Parameters.AddWithValue("team", NpgsqlDbType.Bigint, teamId is { } team ? team : DBNull.Value);
        command.Parameters.AddWithValue("from", NpgsqlDbType.Date, from is { } start ? start : DBNull.Value);
        command.Parameters.AddWithValue("to", NpgsqlDbType.Date, to is { } end ? end : DBNull.Value);
        var result = new List<RetentionMonth>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            result.Add(new RetentionMonth(reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1), reader.GetInt64(2)));
        return result;
    }
}
