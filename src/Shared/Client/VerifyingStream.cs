using System.Security.Cryptography;
using Facade.Shared.Oci;

namespace Facade.Shared.Client;

/// <summary>
/// A read-only stream over a blob body that hashes every byte and, at the end, throws
/// <see cref="InvalidDataException"/> when the length or the digest is not the expected one, so a
/// reader never mistakes corrupt or truncated bytes for the blob. Disposing it releases the response.
/// </summary>
public sealed class VerifyingStream : Stream
{
    private readonly Stream _inner;
    private readonly IDisposable? _owner;
    private readonly IncrementalHash _hasher;
    private long _read;
    private bool _verified;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="owner"/> is disposed with the stream.</summary>
    public VerifyingStream(Stream inner, Digest digest, long? expectedLength, IDisposable? owner = null)
    {
        _inner = inner;
        _owner = owner;
        Digest = digest;
        ExpectedLength = expectedLength;
        _hasher = digest.CreateHasher();
    }

    /// <summary>The digest the bytes must have.</summary>
    public Digest Digest { get; }

    /// <summary>The length the bytes must have, when known.</summary>
    public long? ExpectedLength { get; }

    /// <inheritdoc />
    public override bool CanRead => true;
    /// <inheritdoc />
    public override bool CanSeek => false;
    /// <inheritdoc />
    public override bool CanWrite => false;
    /// <inheritdoc />
    public override long Length => ExpectedLength ?? throw new NotSupportedException();
    /// <inheritdoc />
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return _inner.Read(buffer);
        var read = _inner.Read(buffer);
        Account(buffer[..read]);
        return read;
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // A zero-length read (a caller probing, or waiting for data) says nothing about the end.
        if (buffer.IsEmpty) return await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Account(buffer.Span[..read]);
        return read;
    }

    private void Account(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 0)
        {
            _read += bytes.Length;
            if (_read > ExpectedLength) throw new InvalidDataException($"blob {Digest} is longer than {ExpectedLength} bytes");
            _hasher.AppendData(bytes);
            return;
        }
        if (_verified) return;
        _verified = true;
        if (ExpectedLength is { } length && _read != length)
            throw new InvalidDataException($"blob {Digest} ended after {_read} of {length} bytes");
        if (!Digest.MatchesHash(_hasher))
            throw new InvalidDataException($"blob {Digest} does not match its digest");
    }

    /// <inheritdoc />
    public override void Flush() { }
    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();
    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _owner?.Dispose();
            _hasher.Dispose();
        }
        base.Dispose(disposing);
    }
}
