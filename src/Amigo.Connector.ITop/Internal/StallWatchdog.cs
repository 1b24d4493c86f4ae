namespace Amigo.Connector.ITop.Internal;

/// <summary>
/// Cancels <see cref="Token"/> when iTop stays silent longer than the timeout while the reader waits for it.
/// Re-arming a CancellationTokenSource per object costs timer-queue work (and often a wake-up of the timer thread);
/// here progress is two field writes and one coarse timer does the checking.
/// </summary>
internal sealed class StallWatchdog : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly TimeSpan _timeout;
    private readonly Timer _timer;
    private long _since;
    private int _waiting;

    public StallWatchdog(TimeSpan timeout, CancellationToken outer)
    {
        _timeout = timeout;
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        var period = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _timer = new Timer(_ => Check(), null, period, period);
    }

    public CancellationToken Token => _source.Token;

    /// <summary>The reader starts waiting for iTop.</summary>
    public void Waiting()
    {
        Volatile.Write(ref _since, Stopwatch.GetTimestamp());
        Volatile.Write(ref _waiting, 1);
    }

    /// <summary>iTop delivered; the caller's own processing time does not count.</summary>
    public void Delivered() => Volatile.Write(ref _waiting, 0);

    public void Dispose()
    {
        _timer.Dispose();
        _source.Dispose();
    }

    private void Check()
    {
        if (Volatile.Read(ref _waiting) == 1 && Stopwatch.GetElapsedTime(Volatile.Read(ref _since)) > _timeout)
        {
            try
            {
                _source.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
