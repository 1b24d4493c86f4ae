namespace Amigo.Connector.Sync;

/// <summary>
/// Writes ticket batches on two connections in turn, so that COPYing batch N+1 overlaps with PostgreSQL merging batch
/// N: the connector parses and encodes while the database updates tables and indexes, instead of each waiting for the
/// other. Each batch is one transaction on its connection (COPY into that connection's staging table, merge, commit);
/// merges run one at a time and in order, and a failed merge surfaces at the next batch or at <see cref="FlushAsync"/>.
/// </summary>
internal sealed class TicketBatchWriter : IAsyncDisposable
{
    private readonly NpgsqlConnection[] _connections;
    private readonly TicketStage _stage;
    private readonly TicketRowEncoder _encoder;
    private readonly string _academyId;
    private readonly ILogger _logger;
    private NpgsqlTransaction? _open;
    private BinaryCopyWriter? _copy;
    private Task? _merging;
    private int _batches;

    private TicketBatchWriter(NpgsqlConnection[] connections, TicketStage stage, TicketRowEncoder encoder, string academyId, ILogger logger)
    {
        (_connections, _stage, _encoder, _academyId, _logger) = (connections, stage, encoder, academyId, logger);
    }

    /// <summary>Tickets whose row was inserted or changed, by the merges completed so far.</summary>
    public long Changed { get; private set; }

    /// <summary>Status transitions recorded by the merges completed so far.</summary>
    public long Transitions { get; private set; }

    /// <summary>Opens the two connections and their staging tables; rows are encoded by <paramref name="encoder"/>.</summary>
    public static async Task<TicketBatchWriter> OpenAsync(NpgsqlDataSource dataSource, TicketStage stage, TicketRowEncoder encoder, string academyId, ILogger logger, CancellationToken cancellationToken)
    {
        var connections = new NpgsqlConnection[2];
        try
        {
            for (var i = 0; i < connections.Length; i++)
            {
                connections[i] = await dataSource.OpenConnectionAsync(cancellationToken);
                await StagingWriter.EnsureStageAsync(connections[i], stage.CreateSql, cancellationToken);
            }
        }
        catch
        {
            foreach (var connection in connections.OfType<NpgsqlConnection>())
            {
                await connection.DisposeAsync();
            }

            throw;
        }

        return new TicketBatchWriter(connections, stage, encoder, academyId, logger);
    }

    /// <summary>Starts a batch: a transaction and a COPY on the connection whose previous merge is done.</summary>
    public async Task BeginBatchAsync(CancellationToken cancellationToken)
    {
        if (_copy is not null)
        {
            throw new InvalidOperationException("The previous batch was not handed over.");
        }

        // Merges complete in order, and the merge before the pending one ran on this batch's connection: it is free.
        var connection = _connections[_batches % _connections.Length];
        _open = await connection.BeginTransactionAsync(cancellationToken);
        _copy = await BinaryCopyWriter.BeginAsync(connection, _stage.CopySql, cancellationToken);
    }

    /// <summary>Copies ticket <paramref name="row"/> of <paramref name="page"/> into the open batch.</summary>
    public ValueTask WriteAsync(ITopAnswerPage page, int row, CancellationToken cancellationToken)
    {
        var copy = _copy ?? throw new InvalidOperationException("No batch is open.");
        _encoder.Encode(page, row, copy);
        return copy.EndRowAsync(cancellationToken);
    }

    /// <summary>
    /// Ends the open batch's COPY, waits for the previous merge, then starts this batch's merge and commit without
    /// waiting for it (<paramref name="now"/> stamps the rows and transitions).
    /// </summary>
    public async Task HandOverAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var copy = _copy ?? throw new InvalidOperationException("No batch is open.");
        var transaction = _open!;
        _copy = null;
        _open = null;
        try
        {
            await copy.CompleteAsync(cancellationToken);
        }
        finally
        {
            await copy.DisposeAsync();
        }

        await WaitForMergeAsync();
        _batches++;
        _merging = MergeAsync(transaction, now, cancellationToken);
    }

    /// <summary>Waits for the last merge; every batch handed over is then committed.</summary>
    public Task FlushAsync() => WaitForMergeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_copy is not null)
        {
            await _copy.DisposeAsync(); // cancels an unfinished COPY
        }

        if (_open is not null)
        {
            await _open.DisposeAsync();
        }

        try
        {
            await WaitForMergeAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            // Already failing (the merge's error was not awaited by the caller): the merge rolled back, nothing to keep.
            _logger.LogDebug(ex, "Academy {Academy}: a ticket merge was abandoned", _academyId);
        }

        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task WaitForMergeAsync()
    {
        var merging = _merging;
        _merging = null;
        if (merging is not null)
        {
            await merging;
        }
    }

    private async Task MergeAsync(NpgsqlTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (transaction)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await using (var merge = StagingWriter.Command(transaction.Connection!, transaction, _stage.MergeSql, _academyId, now))
            {
                await using var reader = await merge.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                Changed += reader.GetInt64(0);
                Transitions += reader.GetInt64(1);
            }

            await transaction.CommitAsync(cancellationToken);
            _logger.LogDebug("Academy {Academy}: ticket batch merged in {MergeMs:F0} ms", _academyId,
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
