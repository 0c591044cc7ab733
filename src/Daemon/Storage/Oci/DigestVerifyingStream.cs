using System.Security.Cryptography;
using Facade.Shared.Oci;

namespace Daemon.Storage.Oci;

/// <summary>
/// A read-only stream that hashes what passes through and throws <see cref="InvalidDataException"/>
/// at the end when the size or digest differs, so a corrupt blob never reads as complete.
/// </summary>
internal sealed class DigestVerifyingStream(Stream inner, Digest expected, long expectedLength, IDisposable? owner) : Stream
{
    private readonly IncrementalHash _hasher = expected.CreateHasher();
    private long _read;
    private bool _verified;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => expectedLength;
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        return Account(buffer[..n], endOfStream: n == 0 && buffer.Length > 0);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        return Account(buffer.Span[..n], endOfStream: n == 0 && buffer.Length > 0);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // A zero-byte read into an empty buffer is not the end of the stream; only a read that could return data but did not is.
    private int Account(ReadOnlySpan<byte> data, bool endOfStream)
    {
        _read += data.Length;
        if (_read > expectedLength) throw new InvalidDataException($"blob {expected} is longer than {expectedLength} bytes");
        _hasher.AppendData(data);
        if (endOfStream && !_verified)
        {
            _verified = true;
            if (_read != expectedLength || !expected.MatchesHash(_hasher))
                throw new InvalidDataException($"blob {expected} does not match its digest");
        }
        return data.Length;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            owner?.Dispose();
            _hasher.Dispose();
        }
        base.Dispose(disposing);
    }
}
