using System.Buffers;

namespace Facade.Blobs;

/// <summary>
/// The memory fills receive into: 1 MiB blocks of anonymous pages, outside the GC heap. Eight
/// are kept for reuse while fills run (4 MiB waiting in a fill's pipe, the block being received,
/// the block being written); once no block has been out for the idle interval (2 s), the kept
/// ones are unmapped, so a facade that only serves its cache holds no fill memory. Pooled GC
/// arrays stayed resident for the life of the process (8 MiB and more of large-object heap), and
/// a pool that kept fewer made every fill allocate on the large-object heap (a gen 2 collection
/// each second of a cold pull).
/// </summary>
internal sealed class FillBuffers : MemoryPool<byte>
{
    public const int BlockSize = 1024 * 1024;
    public const int KeptBlocks = 8;
    private static readonly TimeSpan DefaultIdleTrim = TimeSpan.FromSeconds(2);

    public static readonly FillBuffers Instance = new(DefaultIdleTrim, TimeProvider.System);

    private readonly Lock _lock = new();
    private readonly Stack<nint> _kept = new(KeptBlocks);
    private readonly ITimer _trim;
    private readonly TimeSpan _idleTrim;
    private int _rented;

    public FillBuffers(TimeSpan idleTrim, TimeProvider time)
    {
        _idleTrim = idleTrim;
        _trim = time.CreateTimer(static state => ((FillBuffers)state!).Trim(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override int MaxBufferSize => BlockSize;

    /// <summary>Blocks handed out and not yet returned.</summary>
    public int Rented { get { lock (_lock) return _rented; } }

    /// <summary>Returned blocks still mapped, waiting for reuse.</summary>
    public int Kept { get { lock (_lock) return _kept.Count; } }

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        lock (_lock)
        {
            _rented++;
            if (_kept.TryPop(out var reused)) return new NativeBlock(this, reused);
        }
        try
        {
            return new NativeBlock(this, AnonymousPages.Map(BlockSize));
        }
        catch
        {
            lock (_lock) _rented--;
            throw;
        }
    }

    /// <summary>Takes a block back from <see cref="NativeBlock"/>: kept when there is room, unmapped otherwise.</summary>
    internal void Return(nint address)
    {
        lock (_lock)
        {
            _rented--;
            // Armed again each time the last block comes back, so it fires only after a quiet interval.
            if (_rented == 0) _trim.Change(_idleTrim, Timeout.InfiniteTimeSpan);
            if (_kept.Count < KeptBlocks)
            {
                _kept.Push(address);
                return;
            }
        }
        AnonymousPages.Unmap(address, BlockSize);
    }

    /// <summary>Unmaps every kept block, unless a fill is using the pool.</summary>
    private void Trim()
    {
        nint[] released;
        lock (_lock)
        {
            if (_rented > 0) return;
            released = [.. _kept];
            _kept.Clear();
        }
        foreach (var address in released) AnonymousPages.Unmap(address, BlockSize);
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        _trim.Dispose();
        Trim();
    }
}
