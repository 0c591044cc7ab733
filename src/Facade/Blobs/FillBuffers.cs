using System.Buffers;

namespace Facade.Blobs;

/// <summary>
/// The memory a fill receives into: 1 MiB blocks from a pool of their own that keeps only a few.
/// The shared pool may keep one per thread and several per core, which at 1 MiB each is tens of
/// MiB held between fills; blocks beyond the few kept here are left to the GC. Eight cover one
/// fill (4 MiB waiting in its pipe, the block being received, the block being written): with
/// four, every fill allocated 1 MiB arrays on the large-object heap and each second of a cold
/// pull ran a gen 2 collection.
/// </summary>
internal sealed class FillBuffers : MemoryPool<byte>
{
    public const int BlockSize = 1024 * 1024;
    private static readonly ArrayPool<byte> Arrays = ArrayPool<byte>.Create(BlockSize, maxArraysPerBucket: 8);

    public static readonly FillBuffers Instance = new();

    private FillBuffers() { }

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1) => new Block(Arrays.Rent(BlockSize));

    protected override void Dispose(bool disposing) { }

    private sealed class Block(byte[] array) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Block));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } returned) Arrays.Return(returned);
        }
    }
}
