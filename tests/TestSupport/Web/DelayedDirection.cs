using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Facade.TestSupport;

/// <summary>
/// One direction of a <see cref="DelayRelay"/> connection. A reader loop receives into a pipe and
/// stamps every chunk with the moment it arrived; a writer loop sends each chunk once its stamp
/// plus the delay has passed, together with every later chunk already due. The pipe's pooled
/// segments hold the bytes in flight, and its pause threshold bounds them by bytes (the reader
/// stops receiving, so TCP pushes back on the sender); the delay itself never caps bandwidth.
/// With a link rate, bytes leave no faster than that rate once due, as through the narrowest
/// link of a real path: a queue forms in the relay, as it would at that link.
/// </summary>
internal sealed class DelayedDirection
{
    private const int ReadSize = 64 * 1024;
    // Sends at a capped rate go out in pieces this large. The link may run up to MaxAhead ahead
    // of its rate; then the sender waits until it is only MinAhead ahead. Timers fire a
    // millisecond or more late, so each wait is several milliseconds long and a late wake-up
    // still finds bytes booked on the link: it never idles while bytes are due.
    private const int PacedPiece = 64 * 1024;
    private static readonly TimeSpan MaxAhead = TimeSpan.FromMilliseconds(6);
    private static readonly TimeSpan MinAhead = TimeSpan.FromMilliseconds(2);

    private readonly Socket _from;
    private readonly Socket _to;
    private readonly TimeSpan _delay;
    private readonly TimeProvider _time;
    private readonly Action<int>? _received;
    private readonly long? _bytesPerSecond;
    private readonly Pipe _pipe;
    // When the capped link has sent everything handed to it so far (a timestamp).
    private long _linkFree;
    private readonly Channel<(long Arrived, int Length)> _stamps =
        Channel.CreateUnbounded<(long, int)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public DelayedDirection(Socket from, Socket to, TimeSpan delay, long maxInFlight, TimeProvider time, Action<int>? received, long? bytesPerSecond = null)
    {
        _bytesPerSecond = bytesPerSecond;
        _from = from;
        _to = to;
        _delay = delay;
        _time = time;
        _received = received;
        _pipe = new Pipe(new PipeOptions(pauseWriterThreshold: maxInFlight, resumeWriterThreshold: maxInFlight / 2,
            minimumSegmentSize: ReadSize, useSynchronizationContext: false));
    }

    /// <summary>Relays until the sender's end of stream has been passed on; throws when either socket fails.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var receiving = ReceiveAsync(cancellationToken);
        var sending = SendAsync(cancellationToken);
        await Task.WhenAll(receiving, sending).ConfigureAwait(false);
    }

    private async Task ReceiveAsync(CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                var read = await _from.ReceiveAsync(_pipe.Writer.GetMemory(ReadSize), SocketFlags.None, ct).ConfigureAwait(false);
                if (read == 0) break;
                _received?.Invoke(read);
                _pipe.Writer.Advance(read);
                // Stamped before the flush: the flush may wait (the pipe is full) and the sender
                // must still learn when these bytes become due.
                _stamps.Writer.TryWrite((_time.GetTimestamp(), read));
                if ((await _pipe.Writer.FlushAsync(ct).ConfigureAwait(false)).IsCompleted) break;
            }
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            // A failed receive reaches the send loop as a failure, never as a clean half-close.
            _stamps.Writer.TryComplete(failure);
            await _pipe.Writer.CompleteAsync(failure).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(CancellationToken ct)
    {
        try
        {
            var stamps = _stamps.Reader;
            while (await stamps.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                stamps.TryRead(out var first);
                // Timers may fire a little early; no byte leaves before its full delay.
                TimeSpan wait;
                while ((wait = _delay - _time.GetElapsedTime(first.Arrived)) > TimeSpan.Zero)
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), _time, ct).ConfigureAwait(false);
                long due = first.Length;
                var now = _time.GetTimestamp();
                while (stamps.TryPeek(out var next) && _time.GetElapsedTime(next.Arrived, now) >= _delay && stamps.TryRead(out next))
                    due += next.Length;
                await SendBytesAsync(due, ct).ConfigureAwait(false);
            }
            // The sender closed its side cleanly: pass the half-close on.
            _to.Shutdown(SocketShutdown.Send);
        }
        finally
        {
            await _pipe.Reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task SendBytesAsync(long count, CancellationToken ct)
    {
        while (count > 0)
        {
            var result = await _pipe.Reader.ReadAsync(ct).ConfigureAwait(false);
            var slice = result.Buffer.Slice(0, Math.Min(count, result.Buffer.Length));
            foreach (var segment in slice)
            {
                if (_bytesPerSecond is not { } rate)
                {
                    await _to.SendAsync(segment, SocketFlags.None, ct).ConfigureAwait(false);
                    continue;
                }
                for (var at = 0; at < segment.Length; at += PacedPiece)
                {
                    var piece = segment.Slice(at, Math.Min(PacedPiece, segment.Length - at));
                    await WaitForLinkAsync(ct).ConfigureAwait(false);
                    await _to.SendAsync(piece, SocketFlags.None, ct).ConfigureAwait(false);
                    Occupy(piece.Length, rate);
                }
            }
            count -= slice.Length;
            _pipe.Reader.AdvanceTo(slice.End);
            if (result.IsCompleted && count > 0) throw new IOException("the relay's receive side ended before its stamped bytes");
        }
    }

    /// <summary>When the capped link has more than <see cref="MaxAhead"/> of bytes booked, waits until only <see cref="MinAhead"/> is left.</summary>
    private async Task WaitForLinkAsync(CancellationToken ct)
    {
        var booked = _time.GetElapsedTime(_time.GetTimestamp(), _linkFree);
        if (booked <= MaxAhead) return;
        while ((booked = _time.GetElapsedTime(_time.GetTimestamp(), _linkFree)) > MinAhead)
            await Task.Delay(booked - MinAhead, _time, ct).ConfigureAwait(false);
    }

    /// <summary>Books <paramref name="bytes"/> on the link: it is busy for their transmission time from when it is next free.</summary>
    private void Occupy(int bytes, long rate)
    {
        var now = _time.GetTimestamp();
        var start = Math.Max(_linkFree, now);
        _linkFree = start + (long)((double)bytes / rate * _time.TimestampFrequency);
    }
}
