namespace Facade.Tests.Ipfs;

/// <summary>
/// A forward-only stream of <paramref name="length"/> deterministic pseudo-random bytes
/// (xorshift64*), so large test content needs neither memory nor disk and is the same each read.
/// </summary>
internal sealed class PseudoRandomStream(long length, ulong seed) : Stream
{
    private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15 : seed;
    private long _position;
    private ulong _word;
    private int _wordBytes;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    /// <summary>The same bytes as an array (for small sizes).</summary>
    public static byte[] Bytes(int length, ulong seed)
    {
        var bytes = new byte[length];
        new PseudoRandomStream(length, seed).ReadExactly(bytes);
        return bytes;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < n; i++)
        {
            if (_wordBytes == 0)
            {
                _state ^= _state >> 12;
                _state ^= _state << 25;
                _state ^= _state >> 27;
                _word = _state * 0x2545F4914F6CDD1D;
                _wordBytes = 8;
            }
            buffer[i] = (byte)_word;
            _word >>= 8;
            _wordBytes--;
        }
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
