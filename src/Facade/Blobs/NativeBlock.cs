using System.Buffers;

namespace Facade.Blobs;

/// <summary>
/// One <see cref="FillBuffers"/> block: memory at a fixed native address, so pinning is free.
/// Disposing returns it to the pool once; a span asked for afterwards throws instead of reaching
/// memory that may be unmapped.
/// </summary>
internal sealed unsafe class NativeBlock(FillBuffers pool, nint address) : MemoryManager<byte>
{
    private const int Length = FillBuffers.BlockSize;
    private nint _address = address;

    public override Span<byte> GetSpan() => new((void*)LiveAddress(), Length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, Length);
        return new MemoryHandle((byte*)LiveAddress() + elementIndex);
    }

    // Nothing to release: the address never moves.
    public override void Unpin() { }

    // The address, unless the block went back to the pool (where it may be unmapped).
    private nint LiveAddress()
    {
        var current = Volatile.Read(ref _address);
        ObjectDisposedException.ThrowIf(current == 0, this);
        return current;
    }

    protected override void Dispose(bool disposing)
    {
        var returned = Interlocked.Exchange(ref _address, 0);
        if (returned != 0) pool.Return(returned);
    }
}
