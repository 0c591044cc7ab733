namespace Facade.Ipfs;

/// <summary>
/// Wraps content being uploaded to the node and re-arms a cancellation timer on every read: the
/// HTTP stack reads the next piece only after the node took the previous one, so a node that
/// stops accepting data trips the timer instead of hanging the upload.
/// </summary>
internal sealed class UploadWatchdogStream : ReadOnlyForwardStream
{
    private readonly Stream _inner;
    private readonly CancellationTokenSource _watchdog;
    private readonly TimeSpan _timeout;

    public UploadWatchdogStream(Stream inner, CancellationTokenSource watchdog, TimeSpan timeout)
    {
        _inner = inner;
        _watchdog = watchdog;
        _timeout = timeout;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _watchdog.CancelAfter(_timeout);
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        _watchdog.CancelAfter(_timeout);
        return read;
    }
}
