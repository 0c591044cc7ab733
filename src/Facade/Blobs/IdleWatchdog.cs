namespace Facade.Blobs;

/// <summary>
/// Cancels its token once a read has waited for the idle timeout. One timer ticking at a quarter
/// of the timeout replaces a timer re-armed per read: a transfer makes thousands of reads per
/// second, and re-arming costs a timer-queue lock each time. Only time spent inside a read counts
/// (<see cref="Reading"/> to <see cref="Read"/>), so a reader paced by a slow client is not taken
/// for a stalled origin. A stall is noticed between 1 and 1.25 times the timeout after it began.
/// </summary>
internal sealed class IdleWatchdog : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly ITimer _timer;
    private long _readSince;
    private volatile bool _reading;
    private volatile bool _disposed;

    public IdleWatchdog(TimeSpan timeout, TimeProvider time, CancellationToken outer)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _time = time;
        _timeout = timeout;
        var tick = timeout / 4 > TimeSpan.Zero ? timeout / 4 : timeout;
        _timer = time.CreateTimer(static state => ((IdleWatchdog)state!).Check(), this, tick, tick);
    }

    /// <summary>Cancelled when the outer token is, or when a read waited for the timeout.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>A read begins now.</summary>
    public void Reading()
    {
        Volatile.Write(ref _readSince, _time.GetTimestamp());
        _reading = true;
    }

    /// <summary>The read ended (with bytes, the end, or an error).</summary>
    public void Read() => _reading = false;

    /// <summary>
    /// Cancels the token now: whoever consumed the reads has given up (a failed write), so a read
    /// still waiting on a slow origin must not hold the copy open until the timeout.
    /// </summary>
    public void Abandon()
    {
        if (!_disposed) CancelNow();
    }

    private void Check()
    {
        if (_disposed || !_reading || _time.GetElapsedTime(Volatile.Read(ref _readSince)) < _timeout) return;
        CancelNow();
    }

    // A tick or an abandon already running when Dispose is called may still get here.
    private void CancelNow()
    {
        try { _cancel.Cancel(); } catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
        _cancel.Dispose();
    }
}
