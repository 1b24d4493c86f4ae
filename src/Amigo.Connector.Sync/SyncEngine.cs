namespace Amigo.Connector.Sync;

/// <summary>
/// Copies one academy's iTop (organizations, persons, teams and members, the service catalogue and offers, then
/// UserRequests) into PostgreSQL. Reference classes are read whole in one streamed call each and mirrored; tickets are
/// read incrementally from the watermark (minus <see cref="SyncOptions.Overlap"/>) or, for a full sync, in key-set id
/// windows. Rows are COPYed into staging tables and merged in one transaction per batch; the watermark moves only
/// after the last batch is committed, so a sync killed anywhere and re-run converges to the same database.
/// </summary>
public sealed class SyncEngine(IConnectorDatabase database, IOptions<SyncOptions> options, TimeProvider time, ILogger<SyncEngine>? logger = null)
{
    /// <summary>The iTop class of tickets (and key of their watermark).</summary>
    public const string TicketClass = "UserRequest";

    private const string SeenIdsCopySql = "COPY seen_ticket_ids (itop_id) FROM STDIN (FORMAT BINARY)";

    /// <summary>Tickets parsed ahead of the one being copied (a bounded buffer: memory stays flat whatever the volume).</summary>
    private const int ReadAheadTickets = 1_000;

    /// <summary>Widest id window of a reconciliation read (ids only: a small answer per ticket).</summary>
    private const int ReconcileIdWindow = 50_000;

    private readonly SyncOptions _options = options.Value;

    // The id-window width each academy's iTop last served, so that a failure is paid once per process (it is also
    // stored with the watermark, for the next process).
    private readonly ConcurrentDictionary<string, int> _windows = new(StringComparer.Ordinal);
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Syncs one academy. Progress goes to <paramref name="progress"/> (step, items done).</summary>
    public async Task<SyncResult> SyncAsync(AcademyContext academy, SyncRequest request, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(academy);
        ArgumentNullException.ThrowIfNull(request);
        var result = new SyncResult();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var hashes = await ReadContentHashesAsync(connection, academy.Id, cancellationToken);
        var mirror = new MirrorContext(connection, academy.Id, hashes, request.Full);

        foreach (var reference in ReferenceTables.For(academy.FieldMap))
        {
            var rows = academy.ITop.StreamAsync(new ITopGetRequest(reference.ClassName, ITopKey.Query(Oql.Select(reference.ClassName).Build()), reference.OutputFields), cancellationToken);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var changed = await MirrorAsync(mirror, reference.Table, rows, cancellationToken);
            _logger.LogDebug("Academy {Academy}: {Class} mirrored in {Ms:F0} ms", academy.Id, reference.ClassName, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            result.Add(reference.Table.Table + ".changed", changed);
            progress?.Report(new JobProgress(reference.ClassName, changed, null));
        }

        await SyncCatalogueAsync(mirror, academy, result, progress, cancellationToken);
        await SyncTicketsAsync(connection, academy, request, result, progress, cancellationToken);
        _logger.LogInformation("Academy {Academy}: {Summary}", academy.Id, result.Summary);
        return result;
    }

    private async Task SyncCatalogueAsync(MirrorContext mirror, AcademyContext academy, SyncResult result, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        // Families and services are few (hundreds): held in memory to flatten the subcategories streamed after them.
        var families = await ReadAllAsync(academy.ITop, "ServiceFamily", CatalogueTables.FamilyFields(academy.FieldMap), cancellationToken);
        var services = await ReadAllAsync(academy.ITop, "Service", CatalogueTables.ServiceFields, cancellationToken);
        var subcategories = academy.ITop.StreamAsync(Everything("ServiceSubcategory", CatalogueTables.SubcategoryFields), cancellationToken);
        var rows = Flatten(subcategories, services, families, cancellationToken);
        var changed = await MirrorAsync(mirror, CatalogueTables.Entries(academy.FieldMap), rows, cancellationToken);
        result.Add("catalogue_entries.changed", changed);
        progress?.Report(new JobProgress("ServiceSubcategory", changed, null));

        var contracts = academy.ITop.StreamAsync(Everything("CustomerContract", CatalogueTables.ContractFields), cancellationToken);
        var offers = await MirrorAsync(mirror, CatalogueTables.Offers, Expand(contracts, CatalogueTables.OffersOf, cancellationToken), cancellationToken);
        result.Add("service_offers.changed", offers);
        progress?.Report(new JobProgress("CustomerContract", offers, null));
    }

    private async Task SyncTicketsAsync(NpgsqlConnection connection, AcademyContext academy, SyncRequest request, SyncResult result, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var zone = academy.ITop.TimeZone;
        var syncStartLocal = zone.ToITop(time.GetUtcNow());
        var watermark = await WatermarkStore.GetAsync(connection, academy.Id, TicketClass, cancellationToken);
        var full = request.Full || watermark.LastUpdateLocal is null;
        var reconcileDue = !full && (request.Reconcile || watermark.LastReconciledAt is null
            || time.GetUtcNow() - watermark.LastReconciledAt.Value >= _options.ReconcileInterval);
        result.Full = full;

        var fields = TicketColumns.OutputFields(academy.FieldMap);
        if (full || reconcileDue)
        {
            await ExecuteAsync(connection, "CREATE TEMP TABLE IF NOT EXISTS seen_ticket_ids (itop_id bigint) ON COMMIT PRESERVE ROWS; TRUNCATE seen_ticket_ids", cancellationToken);
        }

        IAsyncEnumerable<ITopAnswerPage> pages;
        AdaptiveIdWindows? windows = null;
        if (full)
        {
            var start = Math.Min(_options.IdWindow, _windows.TryGetValue(academy.Id, out var known) ? known : watermark.IdWindow ?? _options.IdWindow);
            windows = new AdaptiveIdWindows(academy.ITop, TicketClass, fields, start, _options.MinIdWindow, _logger, academy.Id);
            pages = windows.ReadAsync(cancellationToken);
        }
        else
        {
            var since = zone.ToITop(zone.ToInstant(ITopTimeZone.ParseLocal(watermark.LastUpdateLocal, "watermark")!.Value) - _options.Overlap);
            var width = Math.Min(_options.IdWindow, _windows.TryGetValue(academy.Id, out var known) ? known : watermark.IdWindow ?? _options.IdWindow);
            pages = IncrementalRead.ReadAsync(academy.ITop, TicketClass, since, fields, width, _options.MinIdWindow, _logger, academy.Id, cancellationToken);
        }

        var maxSeen = await CopyTicketsAsync(connection, academy, pages, full, result, progress, cancellationToken);
        if (windows is not null)
        {
            _windows[academy.Id] = windows.Width;
            result.IdWindow = windows.Width;
            _logger.LogInformation("Academy {Academy}: full read of {Class} in id windows of {Width} ids ({Splits} split{Plural}, {Probes} probe{ProbesPlural} past empty windows)",
                academy.Id, TicketClass, windows.Width, windows.Splits, windows.Splits == 1 ? "" : "s", windows.Probes, windows.Probes == 1 ? "" : "s");
        }

        var reconciled = full;
        if (reconcileDue)
        {
            var ids = new AdaptiveIdWindows(academy.ITop, TicketClass, ["id"], Math.Max(_options.IdWindow, ReconcileIdWindow), _options.MinIdWindow, _logger, academy.Id)
                .ReadAsync(cancellationToken);
            await using var writer = await BinaryCopyWriter.BeginAsync(connection, SeenIdsCopySql, cancellationToken);
            await foreach (var page in ids)
            {
                for (var row = 0; row < page.Count; row++)
                {
                    await WriteSeenIdAsync(writer, page.KeyOf(row), cancellationToken);
                }

                page.Recycle();
            }

            await writer.CompleteAsync(cancellationToken);
            reconciled = true;
        }

        // The watermark never passes the sync's start: a ticket updated while the sync ran (in a window already read)
        // has a last_update at or after it and is read again next time. Never past what iTop's own clock said either.
        var next = maxSeen is null ? null : string.CompareOrdinal(maxSeen, syncStartLocal) < 0 ? maxSeen : syncStartLocal;
        result.Reconciled = reconciled;
        if (!full && !reconciled && (next is null || string.CompareOrdinal(next, watermark.LastUpdateLocal) <= 0))
        {
            result.Watermark = watermark.LastUpdateLocal; // nothing moves: no write at all
            return;
        }

        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            if (reconciled)
            {
                // Temp tables are never auto-analyzed and freshly filled tickets may not be either: with an index the
                // anti-join stays linear whatever plan the statistics lead to.
                await ExecuteAsync(connection, "CREATE INDEX IF NOT EXISTS seen_ticket_ids_id ON seen_ticket_ids (itop_id); ANALYZE seen_ticket_ids", cancellationToken, transaction);
                var deleted = await StagingWriter.ExecuteAsync(connection, transaction, """
                    UPDATE tickets t SET deleted_at = @now
                    WHERE t.academy_id = @academy AND t.deleted_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM seen_ticket_ids s WHERE s.itop_id = t.itop_id)
                    """, academy.Id, time.GetUtcNow(), cancellationToken);
                result.Add("tickets.deleted", deleted);
            }

            var finishedAt = time.GetUtcNow();
            await WatermarkStore.AdvanceAsync(connection, transaction, academy.Id, TicketClass, next ?? (full ? syncStartLocal : null),
                full ? finishedAt : null, reconciled ? finishedAt : null, finishedAt, cancellationToken);
            if (windows is not null)
            {
                await using var remember = new NpgsqlCommand(
                    "UPDATE sync_watermarks SET id_window = @width WHERE academy_id = @academy AND itop_class = @class", connection, transaction);
                remember.Parameters.AddWithValue("width", windows.Width);
                remember.Parameters.AddWithValue("academy", academy.Id);
                remember.Parameters.AddWithValue("class", TicketClass);
                await remember.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        var stored = next ?? (full ? syncStartLocal : null);
        result.Watermark = stored is not null && (watermark.LastUpdateLocal is null || string.CompareOrdinal(stored, watermark.LastUpdateLocal) > 0)
            ? stored : watermark.LastUpdateLocal;
    }

    /// <summary>
    /// Copies the tickets of <paramref name="pages"/> in batches of <see cref="SyncOptions.BatchSize"/> (a batch may end
    /// inside a page), each merged and committed on its own; a full sync also notes every id read, for the deletion
    /// check. Returns the greatest <c>last_update</c> read (null when no ticket was read).
    /// </summary>
    private async Task<string?> CopyTicketsAsync(NpgsqlConnection connection, AcademyContext academy, IAsyncEnumerable<ITopAnswerPage> pages, bool full,
        SyncResult result, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var stage = new TicketStage(TicketColumns.For(academy.FieldMap));
        var encoder = new TicketRowEncoder(stage.Columns, academy.Lifecycle, academy.ITop.TimeZone);
        TicketBatchWriter? batches = null;
        long read = 0;
        var inBatch = 0;
        // A full sync notes every id it reads on this connection, while the batches are copied and merged on two others.
        var seenIds = full ? await BinaryCopyWriter.BeginAsync(connection, SeenIdsCopySql, cancellationToken) : null;
        try
        {
            await foreach (var page in pages.BufferAsync(ReadAheadTickets, p => p.Count, cancellationToken))
            {
                for (var row = 0; row < page.Count; row++)
                {
                    // Opened with the first ticket: a sync that reads none costs no connection.
                    batches ??= await TicketBatchWriter.OpenAsync(database.DataSource, stage, encoder, academy.Id, _logger, cancellationToken);
                    if (inBatch == 0)
                    {
                        await batches.BeginBatchAsync(cancellationToken);
                    }

                    await batches.WriteAsync(page, row, cancellationToken);
                    if (seenIds is not null)
                    {
                        await WriteSeenIdAsync(seenIds, page.KeyOf(row), cancellationToken);
                    }

                    if (++inBatch == _options.BatchSize)
                    {
                        await HandOverAsync();
                    }
                }

                page.Recycle(); // every row is encoded into the COPY buffers: the next pages reuse its arrays
            }

            if (batches is not null)
            {
                if (inBatch > 0)
                {
                    await HandOverAsync();
                }

                await batches.FlushAsync();
                result.Add("tickets.changed", batches.Changed);
                result.Add("transitions", batches.Transitions);
            }

            if (seenIds is not null)
            {
                await seenIds.CompleteAsync(cancellationToken);
            }
        }
        finally
        {
            if (batches is not null)
            {
                await batches.DisposeAsync();
            }

            if (seenIds is not null)
            {
                await seenIds.DisposeAsync();
            }
        }

        return encoder.LatestLastUpdate;

        async Task HandOverAsync()
        {
            await batches!.HandOverAsync(time.GetUtcNow(), cancellationToken);
            read += inBatch;
            result.Add("tickets.read", inBatch);
            inBatch = 0;
            progress?.Report(new JobProgress(TicketClass, read, null));
        }
    }

    private static ValueTask WriteSeenIdAsync(BinaryCopyWriter writer, long id, CancellationToken cancellationToken)
    {
        writer.StartRow(1);
        writer.WriteBigint(id);
        return writer.EndRowAsync(cancellationToken);
    }

    /// <summary>Rows buffered to decide, by content hash, that a reference table is unchanged (no database work at all).</summary>
    internal const int MirrorBufferLimit = 20_000;

    private sealed record MirrorContext(NpgsqlConnection Connection, string AcademyId, IReadOnlyDictionary<string, string?> Hashes, bool Force);

    private async Task<long> MirrorAsync<T>(MirrorContext mirror, StagedTable<T> table, IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        // A no-change sync must cost iTop calls only: the rows are hashed as read and compared with the hash stored at
        // the last mirror; only a difference (or more rows than the buffer holds, or a full sync) touches the database.
        var hash = new RowSetHash();
        var buffer = new List<T>();
        await using var enumerator = rows.GetAsyncEnumerator(cancellationToken);
        var more = await enumerator.MoveNextAsync();
        while (more && buffer.Count < MirrorBufferLimit)
        {
            buffer.Add(enumerator.Current);
            hash.Add(table, enumerator.Current);
            more = await enumerator.MoveNextAsync();
        }

        var hashKey = "table:" + table.Table;
        if (!more && !mirror.Force && mirror.Hashes.TryGetValue(hashKey, out var stored) && stored == hash.Value)
        {
            return 0;
        }

        var connection = mirror.Connection;
        await StagingWriter.EnsureStageAsync(connection, table.CreateStageSql, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var writer = await connection.BeginBinaryImportAsync(table.CopySql, cancellationToken))
        {
            foreach (var row in buffer)
            {
                await StagingWriter.WriteRowAsync(writer, table, row, cancellationToken);
            }

            while (more)
            {
                hash.Add(table, enumerator.Current);
                await StagingWriter.WriteRowAsync(writer, table, enumerator.Current, cancellationToken);
                more = await enumerator.MoveNextAsync();
            }

            await writer.CompleteAsync(cancellationToken);
        }

        var now = time.GetUtcNow();
        var changed = await StagingWriter.ExecuteCountAsync(connection, transaction, table.MergeSql, mirror.AcademyId, now, cancellationToken);
        changed += await StagingWriter.ExecuteAsync(connection, transaction, table.DeleteMissingSql, mirror.AcademyId, now, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO sync_watermarks (academy_id, itop_class, content_hash, updated_at) VALUES (@academy, @class, @hash, @now)
            ON CONFLICT (academy_id, itop_class) DO UPDATE SET content_hash = excluded.content_hash, updated_at = excluded.updated_at
            """, new { academy = mirror.AcademyId, @class = hashKey, hash = hash.Value, now }, transaction, cancellationToken: cancellationToken));

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static async Task<IReadOnlyDictionary<string, string?>> ReadContentHashesAsync(NpgsqlConnection connection, string academyId, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<string, string?>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT itop_class, content_hash FROM sync_watermarks WHERE academy_id = @academy AND content_hash IS NOT NULL", connection);
        command.Parameters.AddWithValue("academy", academyId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes[reader.GetString(0)] = reader.GetString(1);
        }

        return hashes;
    }

    private static ITopGetRequest Everything(string className, IReadOnlyList<string> fields) =>
        new(className, ITopKey.Query(Oql.Select(className).Build()), fields);

    private static async Task<Dictionary<long, ITopObject>> ReadAllAsync(IITopClient client, string className, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var objects = new Dictionary<long, ITopObject>();
        await foreach (var item in client.StreamAsync(Everything(className, fields), cancellationToken))
        {
            objects[item.Key] = item;
        }

        return objects;
    }

    private static async IAsyncEnumerable<CatalogueRow> Flatten(IAsyncEnumerable<ITopObject> subcategories, Dictionary<long, ITopObject> services,
        Dictionary<long, ITopObject> families, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var subcategory in subcategories.WithCancellation(cancellationToken))
        {
            var service = subcategory.GetExternalKey("service_id") is { } serviceId ? services.GetValueOrDefault(serviceId) : null;
            var family = service?.GetExternalKey("servicefamily_id") is { } familyId ? families.GetValueOrDefault(familyId) : null;
            yield return new CatalogueRow(subcategory, service, family);
        }
    }

    private static async IAsyncEnumerable<TOut> Expand<TOut>(IAsyncEnumerable<ITopObject> source, Func<ITopObject, IEnumerable<TOut>> expand, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            foreach (var row in expand(item))
            {
                yield return row;
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
