namespace Facade.Ipfs;

/// <summary>
/// Wraps content being uploaded to the node and re-arms a cancellation timer on every read: the
/// HTTP stack reads the next piece only after the node took the previous one, so a node that
/// stops accepting data trips the timer instead of hanging the upload.
/// </summary>
internal sealed class UploadWatchdogStream : Stream
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

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _watchdog.CancelAfter(_timeout);
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        _watchdog.CancelAfter(_timeout);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        _watchdog.CancelAfter(_timeout);
        return _inner.Read(buffer, offset, count);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
